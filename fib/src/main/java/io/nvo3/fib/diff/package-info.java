/** Desired versus installed state of one NVE, as ordered batches for reconcile. */
package io.nvo3.fib.diff;
