/** The FIB's own input records; the controller maps the model onto them. */
package io.nvo3.fib.input;
