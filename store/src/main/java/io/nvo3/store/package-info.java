/**
 * nvo3 store: a key-value store with etcd semantics ({@link io.nvo3.store.KvStore}).
 *
 * <p>{@link io.nvo3.store.KvStores#embedded} is the durable single-node backend on H2's MVStore
 * (one file, {@code store.mv.db}); {@link io.nvo3.store.KvStores#inMemory} is the same code
 * without a file. Writes are group-committed by one writer thread and acknowledged after the
 * commit is written (and fsynced); reads and watches see only acknowledged state. Errors are
 * {@link io.nvo3.store.StoreException}s with a {@link io.nvo3.store.StoreException.Code}.
 */
package io.nvo3.store;
