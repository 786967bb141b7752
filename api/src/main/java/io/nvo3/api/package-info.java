/** nvo3 api. */
package io.nvo3.api;
