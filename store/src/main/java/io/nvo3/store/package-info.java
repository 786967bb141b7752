/** nvo3 store. */
package io.nvo3.store;
