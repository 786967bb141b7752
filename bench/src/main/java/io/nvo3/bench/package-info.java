/** nvo3 bench. */
package io.nvo3.bench;
