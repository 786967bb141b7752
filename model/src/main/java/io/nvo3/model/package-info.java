/** nvo3 model. */
package io.nvo3.model;
