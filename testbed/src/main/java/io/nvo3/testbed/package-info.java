/** nvo3 testbed. */
package io.nvo3.testbed;
