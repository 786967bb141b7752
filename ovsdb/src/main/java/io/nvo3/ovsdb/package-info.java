/**
 * RFC 7047 (OVSDB management protocol) JSON-RPC client on Netty and Jackson.
 *
 * <p>Entry points: {@link io.nvo3.ovsdb.OvsdbServer#start} accepts connections from ovsdb-servers configured with
 * {@code ovs-vsctl set-manager tcp:HOST:PORT}; {@link io.nvo3.ovsdb.OvsdbClient#connect} opens tcp or unix
 * connections. Both yield an {@link io.nvo3.ovsdb.OvsdbConnection}: list_dbs, get_schema
 * ({@link io.nvo3.ovsdb.DatabaseSchema}), transact with typed {@link io.nvo3.ovsdb.Operation}s and
 * {@link io.nvo3.ovsdb.Value}s returning a {@link io.nvo3.ovsdb.TransactResult}, monitor
 * ({@link io.nvo3.ovsdb.RowUpdate}, {@link io.nvo3.ovsdb.TableCache}), locks and echo. Knows nothing of tenants.
 */
package io.nvo3.ovsdb;
