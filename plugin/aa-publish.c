/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * All-or-nothing publishing of an output directory (docs/plan-publish.md).
 *
 * A run locks DIR (flock on .DIR.lock beside it), stages a complete new DIR
 * beside it (.DIR.partial-XXXXXX: the user's files of DIR hard-linked in, then
 * the artifacts written over them), and swaps the two with one
 * renameat2(RENAME_EXCHANGE), or renames the stage to DIR when there was
 * none.  A failure or a kill at any point leaves DIR as it was or completely
 * new; what a killed run leaves beside DIR is removed by the next run under
 * the lock.
 *
 * The same object publishes a set of files into a directory that stays
 * (aa_publish_begin_files(), the launch command): the files are staged in
 * DIR/.acrn-alloc-stage-XXXXXX and renamed into DIR only once all of them
 * were written.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-publish.h"
#include "aa-util.h"

/* the user's entries copied into a stage: a plan directory holds a handful;
 * DIR with more is not a plan directory (e.g. -o ~) */
#define AA_PUBLISH_MAX_ENTRIES 10000u
#define AA_PUBLISH_MAX_DEPTH   32u

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

struct _AaPublish {
	gchar *dest; /* absolute, symlinks resolved when it exists */
	gchar *parent;
	gchar *base;
	gchar *lock_file;
	gchar *stage;
	gchar *first_new; /* the outermost parent directory this run created */
	gint lock_fd;
	gboolean dest_existed;
	gboolean committed;
	gboolean files; /* aa_publish_begin_files(): the stage's files move into dest */
};

/* a test hook: AA_TEST_KILL_AT=<point> kills the process there, so that the
 * tests can check what a kill at each step leaves behind */
static void
aa_publish_test_point(const gchar *point)
{
	const gchar *at = g_getenv("AA_TEST_KILL_AT");
	if (at != NULL && g_strcmp0(at, point) == 0)
		raise(SIGKILL);
}

/* removes @path and everything under it; symlinks are removed, never followed */
static void
aa_publish_rmtree(const gchar *path, guint depth)
{
	GStatBuf st;
	if (g_lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && depth < 64) {
		g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
		const gchar *name;
		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *child = g_build_filename(path, name, NULL);
			aa_publish_rmtree(child, depth + 1);
		}
		g_rmdir(path);
		return;
	}
	g_unlink(path);
}

/* copies the tree @from into the existing directory @to: regular files are
 * hard-linked (the artifacts replace entries by rename, never in place), or
 * copied where links are impossible; symlinks are recreated */
static gboolean
aa_publish_copy_tree(const gchar *from, const gchar *to, guint depth, guint *n_entries,
                     GError **error)
{
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GError) error_local = NULL;
	const gchar *name;

	if (depth > AA_PUBLISH_MAX_DEPTH) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
		            "%s: nested more than %u directories deep; plan into a directory "
		            "of its own",
		            from, AA_PUBLISH_MAX_DEPTH);
		return FALSE;
	}
	dir = g_dir_open(from, 0, &error_local);
	if (dir == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s", error_local->message);
		return FALSE;
	}
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *src = g_build_filename(from, name, NULL);
		g_autofree gchar *dst = g_build_filename(to, name, NULL);
		GStatBuf st;

		if (++*n_entries > AA_PUBLISH_MAX_ENTRIES) {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
			            "the output directory holds more than %u files; plan into a "
			            "directory of its own (every run stages a full copy of it)",
			            AA_PUBLISH_MAX_ENTRIES);
			return FALSE;
		}
		if (g_lstat(src, &st) != 0) {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: %s", src,
			            g_strerror(errno));
			return FALSE;
		}
		if (S_ISDIR(st.st_mode)) {
			if (g_mkdir(dst, st.st_mode & 07777) != 0) {
				g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: %s", dst,
				            g_strerror(errno));
				return FALSE;
			}
			if (!aa_publish_copy_tree(src, dst, depth + 1, n_entries, error))
				return FALSE;
		} else if (S_ISLNK(st.st_mode)) {
			g_autofree gchar *target = g_file_read_link(src, NULL);
			if (target == NULL || symlink(target, dst) != 0) {
				g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
				            "%s: cannot copy the symbolic link: %s", src,
				            g_strerror(errno));
				return FALSE;
			}
		} else if (S_ISREG(st.st_mode)) {
			if (link(src, dst) != 0) {
				g_autofree gchar *data = NULL;
				gsize len = 0;
				if (!g_file_get_contents(src, &data, &len, &error_local) ||
				    !g_file_set_contents_full(
				        dst, data, (gssize)len, G_FILE_SET_CONTENTS_NONE,
				        (gint)(st.st_mode & 07777), &error_local)) {
					g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
					            "cannot copy %s: %s", src,
					            error_local->message);
					return FALSE;
				}
			}
		} else {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
			            "%s is neither a file, a directory nor a symbolic link; move "
			            "it out of the output directory",
			            src);
			return FALSE;
		}
	}
	return TRUE;
}

/* TRUE if @dir is @path or one of its ancestors */
static gboolean
aa_publish_contains(const gchar *dir, const gchar *path)
{
	gsize n = strlen(dir);
	if (g_strcmp0(dir, "/") == 0)
		return TRUE;
	return strncmp(dir, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* removes what killed runs left beside DIR; a saved old DIR whose new one
 * never arrived (the fallback without RENAME_EXCHANGE) is put back first */
static void
aa_publish_clean_stale(AaPublish *self)
{
	g_autoptr(GDir) dir = g_dir_open(self->parent, 0, NULL);
	g_autofree gchar *partial = g_strdup_printf(".%s.partial-", self->base);
	g_autofree gchar *old = g_strdup_printf(".%s.old-", self->base);
	g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *path = g_build_filename(self->parent, name, NULL);
		if (g_str_has_prefix(name, old) && !g_file_test(self->dest, G_FILE_TEST_EXISTS) &&
		    g_rename(path, self->dest) == 0) {
			self->dest_existed = TRUE;
			continue;
		}
		if (g_str_has_prefix(name, partial) || g_str_has_prefix(name, old))
			g_ptr_array_add(stale, g_steal_pointer(&path));
	}
	for (guint i = 0; i < stale->len; i++)
		aa_publish_rmtree(g_ptr_array_index(stale, i), 0);
}

/**
 * aa_publish_begin:
 * @dest: the output directory (need not exist)
 * @error: (nullable): optional return location for an error
 *
 * Locks @dest against other runs, removes what killed runs left, and stages
 * a copy of it to write the artifacts into (aa_publish_stage()).
 *
 * Returns: (transfer full): the publication, or %NULL
 */
AaPublish *
aa_publish_begin(const gchar *dest, GError **error)
{
	g_autoptr(AaPublish) self = g_new0(AaPublish, 1);
	g_autofree gchar *abs = NULL;
	g_autofree gchar *cwd = g_get_current_dir();
	g_autofree gchar *real_cwd = NULL;
	g_autofree gchar *tmpl = NULL;
	GStatBuf st;
	mode_t mask;
	guint n_entries = 0;

	self->lock_fd = -1;
	abs = g_canonicalize_filename(dest, NULL);
	if (g_stat(abs, &st) == 0) {
		char *real = realpath(abs, NULL);
		if (!S_ISDIR(st.st_mode) || real == NULL) {
			free(real);
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "%s exists and is not a directory; give a directory to -o",
			            dest);
			return NULL;
		}
		self->dest = g_strdup(real);
		free(real);
		self->dest_existed = TRUE;
	} else {
		self->dest = g_steal_pointer(&abs);
	}
	if (g_strcmp0(self->dest, "/") == 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "-o / : plan into a directory of its own");
		return NULL;
	}
	self->parent = g_path_get_dirname(self->dest);
	self->base = g_path_get_basename(self->dest);

	/* DIR is replaced as a whole: a shell whose working directory is in it
	 * would be left in the removed old one */
	{
		char *real = realpath(cwd, NULL);
		real_cwd = g_strdup(real != NULL ? real : cwd);
		free(real);
	}
	if (aa_publish_contains(self->dest, real_cwd)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "%s is the current directory or contains it; plan replaces the "
		            "output directory as a whole (so that it is old or new, never "
		            "mixed): run it from elsewhere or write into a subdirectory, e.g. "
		            "-o %s/plan",
		            dest, dest);
		return NULL;
	}

	/* the outermost parent this run creates, removed again on failure */
	for (g_autofree gchar *dir = g_strdup(self->parent);
	     !g_file_test(dir, G_FILE_TEST_EXISTS);) {
		gchar *up = g_path_get_dirname(dir);
		g_free(self->first_new);
		self->first_new = g_steal_pointer(&dir);
		if (g_strcmp0(up, self->first_new) == 0) {
			g_free(up);
			break;
		}
		dir = up;
	}
	if (g_mkdir_with_parents(self->parent, 0755) != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: cannot create directory: %s",
		            self->parent, g_strerror(errno));
		return NULL;
	}

	/* one run at a time: the lock lives beside DIR, since DIR itself is swapped */
	self->lock_file = g_strdup_printf("%s/.%s.lock", self->parent, self->base);
	self->lock_fd = g_open(self->lock_file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (self->lock_fd < 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: cannot create the lock file: %s",
		            self->lock_file, g_strerror(errno));
		return NULL;
	}
	if (flock(self->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		gint saved = errno;
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
		            "%s is being written by another acrn-alloc run (%s is locked%s%s); "
		            "wait for it to finish or choose another -o",
		            dest, self->lock_file, saved == EWOULDBLOCK ? "" : ": ",
		            saved == EWOULDBLOCK ? "" : g_strerror(saved));
		return NULL;
	}
	aa_publish_test_point("locked");
	aa_publish_clean_stale(self);

	tmpl = g_strdup_printf("%s/.%s.partial-XXXXXX", self->parent, self->base);
	if (g_mkdtemp(tmpl) == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
		            "%s: cannot create a staging directory: %s", self->parent,
		            g_strerror(errno));
		return NULL;
	}
	self->stage = g_steal_pointer(&tmpl);
	mask = umask(0);
	umask(mask);
	if (self->dest_existed && g_stat(self->dest, &st) == 0)
		g_chmod(self->stage, st.st_mode & 07777);
	else
		g_chmod(self->stage, 0777 & ~mask);
	if (self->dest_existed &&
	    !aa_publish_copy_tree(self->dest, self->stage, 0, &n_entries, error))
		return NULL;
	aa_publish_test_point("staged");
	return g_steal_pointer(&self);
}

/**
 * aa_publish_begin_files:
 * @dir: the directory that receives the files (created if missing)
 * @error: (nullable): optional return location for an error
 *
 * Stages a set of files to be renamed into @dir together by
 * aa_publish_commit(); unlike aa_publish_begin(), @dir itself stays and
 * keeps its other files.
 *
 * Returns: (transfer full): the publication, or %NULL
 */
AaPublish *
aa_publish_begin_files(const gchar *dir, GError **error)
{
	g_autoptr(AaPublish) self = g_new0(AaPublish, 1);

	self->lock_fd = -1;
	self->files = TRUE;
	self->dest = g_strdup(dir);
	if (g_mkdir_with_parents(dir, 0755) != 0) {
		aa_error_set_at(error, AA_ERROR_WRITE, dir, 0,
		                "cannot create the output directory: %s", g_strerror(errno));
		return NULL;
	}
	self->stage = g_build_filename(dir, ".acrn-alloc-stage-XXXXXX", NULL);
	if (g_mkdtemp(self->stage) == NULL) {
		aa_error_set_at(error, AA_ERROR_WRITE, dir, 0,
		                "cannot create a staging directory: %s", g_strerror(errno));
		return NULL;
	}
	return g_steal_pointer(&self);
}

/* the files mode of aa_publish_commit(): every staged file into dest, by name */
static gboolean
aa_publish_commit_files(AaPublish *self, GError **error)
{
	g_autoptr(GDir) dir = g_dir_open(self->stage, 0, NULL);
	const gchar *name;
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *from = g_build_filename(self->stage, name, NULL);
		g_autofree gchar *to = g_build_filename(self->dest, name, NULL);
		if (g_rename(from, to) != 0) {
			aa_error_set_at(error, AA_ERROR_WRITE, to, 0, "cannot write: %s",
			                g_strerror(errno));
			return FALSE;
		}
	}
	g_rmdir(self->stage);
	self->committed = TRUE;
	return TRUE;
}

/**
 * aa_publish_stage:
 * @self: a publication
 *
 * Returns: (transfer none): the staging directory to write the artifacts into
 */
const gchar *
aa_publish_stage(AaPublish *self)
{
	return self->stage;
}

/**
 * aa_publish_dest:
 * @self: a publication
 *
 * Returns: (transfer none): the absolute output directory
 */
const gchar *
aa_publish_dest(AaPublish *self)
{
	return self->dest;
}

static void
aa_publish_sync_dir(const gchar *path)
{
	gint fd = g_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/**
 * aa_publish_commit:
 * @self: a publication whose stage holds the new DIR
 * @error: (nullable): optional return location for an error
 *
 * Swaps the stage in with one renameat2(RENAME_EXCHANGE), or one rename when
 * DIR did not exist, then removes the old DIR.  On a file system without
 * RENAME_EXCHANGE the old DIR is renamed aside first; a kill between the two
 * renames is repaired by the next run (aa_publish_begin() puts it back).
 *
 * Returns: %TRUE when DIR is the new one
 */
gboolean
aa_publish_commit(AaPublish *self, GError **error)
{
	if (self->files)
		return aa_publish_commit_files(self, error);
	aa_publish_test_point("commit");
	if (!self->dest_existed) {
		gint rc = renameat2(AT_FDCWD, self->stage, AT_FDCWD, self->dest, RENAME_NOREPLACE);
		if (rc != 0 && (errno == EINVAL || errno == ENOSYS))
			rc = g_rename(self->stage, self->dest);
		if (rc != 0) {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
			            "%s: cannot move into place: %s", self->dest,
			            g_strerror(errno));
			return FALSE;
		}
	} else if (renameat2(AT_FDCWD, self->stage, AT_FDCWD, self->dest, RENAME_EXCHANGE) != 0) {
		g_autofree gchar *old = NULL;
		if (errno != EINVAL && errno != ENOSYS) {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
			            "%s: cannot swap the new directory in: %s", self->dest,
			            g_strerror(errno));
			return FALSE;
		}
		old = g_strdup_printf("%s/.%s.old-%d", self->parent, self->base, (gint)getpid());
		if (g_rename(self->dest, old) != 0) {
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: cannot move aside: %s",
			            self->dest, g_strerror(errno));
			return FALSE;
		}
		aa_publish_test_point("moved-aside");
		if (g_rename(self->stage, self->dest) != 0) {
			gint saved = errno;
			g_rename(old, self->dest);
			g_set_error(error, AA_ERROR, AA_ERROR_WRITE,
			            "%s: cannot move into place: %s", self->dest,
			            g_strerror(saved));
			return FALSE;
		}
		g_free(self->stage);
		self->stage = g_steal_pointer(&old);
	}
	self->committed = TRUE;
	aa_publish_sync_dir(self->parent);
	aa_publish_test_point("exchanged");
	/* the stage's name now holds the old DIR */
	aa_publish_rmtree(self->stage, 0);
	return TRUE;
}

/**
 * aa_publish_free:
 * @self: (nullable): a publication
 *
 * Removes the stage (after a failure: DIR is untouched) and the parent
 * directories this run created if they are empty, then releases the lock.
 */
void
aa_publish_free(AaPublish *self)
{
	if (self == NULL)
		return;
	if (self->stage != NULL && !self->committed)
		aa_publish_rmtree(self->stage, 0);
	if (!self->committed && self->first_new != NULL) {
		if (self->lock_file != NULL)
			g_unlink(self->lock_file);
		for (g_autofree gchar *dir = g_strdup(self->parent);
		     g_rmdir(dir) == 0 && g_strcmp0(dir, self->first_new) != 0;) {
			gchar *up = g_path_get_dirname(dir);
			g_free(dir);
			dir = up;
		}
	}
	if (self->lock_fd >= 0)
		close(self->lock_fd);
	g_free(self->dest);
	g_free(self->parent);
	g_free(self->base);
	g_free(self->lock_file);
	g_free(self->stage);
	g_free(self->first_new);
	g_free(self);
}

/**
 * aa_output_check_inputs:
 * @output: the file a command will write
 * @inputs: (array length=n_inputs): the command's input files; %NULL entries are skipped
 * @n_inputs: the length of @inputs
 * @force: the user passed --force
 * @error: (nullable): optional return location for an error
 *
 * The rule for every command with -o: an input file is never written over
 * unless --force (where the command offers it).
 *
 * Returns: %TRUE when @output names none of @inputs (or @force)
 */
gboolean
aa_output_check_inputs(const gchar *output, const gchar *const *inputs, guint n_inputs,
                       gboolean force, GError **error)
{
	for (guint i = 0; i < n_inputs; i++) {
		if (force || !aa_file_is_same(output, inputs[i]))
			continue;
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "%s: the output is the input %s; writing would destroy it: choose "
		            "another output (or pass --force where the command offers it)",
		            output, inputs[i]);
		return FALSE;
	}
	return TRUE;
}
