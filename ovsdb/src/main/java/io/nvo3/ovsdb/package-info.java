/** nvo3 ovsdb. */
package io.nvo3.ovsdb;
