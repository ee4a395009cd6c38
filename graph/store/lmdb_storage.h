/* lmdb_storage.h: diplograph's embedded quad store, a librdf storage module
 * named "lmdb" built on LMDB.
 *
 * After registration the storage is used through the ordinary librdf API:
 *
 *   librdf_storage *s = librdf_new_storage(world, "lmdb", "out/store",
 *                                          "new='yes'");
 *   librdf_model *m = librdf_new_model(world, s, NULL);
 *
 * Options (a librdf hash string, as for "hashes"):
 *   dir='PATH'        store directory (created if missing); default: the
 *                     storage name
 *   new='yes'         empty the store when opening it
 *   map-size='N'      LMDB map size in bytes, with an optional K, M, G or T
 *                     suffix; default 64G on 64-bit hosts (the file is not
 *                     preallocated: it grows with the data)
 *   write='no'        open read-only (no write lock is ever taken;
 *                     without the lock file when it cannot be opened)
 *   write='auto'      writable when the files may be written, else
 *                     read-only
 *   sync='meta'       fsync each commit's pages, not its meta page
 *                     (MDB_NOMETASYNC): a power cut may undo the last
 *                     commit, never corrupts; sync='no' (MDB_NOSYNC) may
 *                     corrupt on a power cut; default 'yes'
 *   group-commit='MS' group the librdf transactions of MS milliseconds
 *                     into one LMDB commit (nested transactions; a
 *                     rollback undoes its own only); default 0, off
 *   writemap='yes'    write pages through the map (MDB_WRITEMAP): a full
 *                     disk is then SIGBUS; a writer without it takes the
 *                     store over, then writemap='yes' is refused
 *   contexts='yes'    accepted for compatibility: contexts are always on
 *
 * Semantics: statements are quads; a statement added without a context
 * lives in the default graph.  find_statements, contains_statement and
 * SPARQL's default graph see the union of all graphs; remove_statement
 * removes the triple from every graph; context_serialise(NULL) and
 * context_remove_statements(NULL) address the default graph only.
 * librdf transactions map to one LMDB write transaction.  See
 * graph/store/README.md for the key layout and the limits.
 *
 * Errors are reported through librdf's log (LIBRDF_FROM_STORAGE); this
 * module never prints. */
#ifndef DG_LMDB_STORAGE_H
#define DG_LMDB_STORAGE_H

#include <librdf.h>

/* Registers the "lmdb" storage factory with world (borrowed).  Call once
 * per world, right after librdf_world_open.  Returns 0, or -1 when world is
 * NULL or a storage named "lmdb" is already registered. */
int dg_lmdb_storage_register(librdf_world *world);

#endif /* DG_LMDB_STORAGE_H */
