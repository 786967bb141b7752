/** nvo3 fib. */
package io.nvo3.fib;
