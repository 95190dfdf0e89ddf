/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A libxslt runner that treats stylesheets and their inputs as untrusted:
 * every document it parses goes through the safe loader, document() may read
 * only the files the caller allowed, nothing may be written or fetched from
 * the network, and string parameters are never evaluated as XPath.
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "aa-error.h"
#include "aa-xml.h"
#include "aa-xslt.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xsltTransformContext, xsltFreeTransformContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xsltSecurityPrefs, xsltFreeSecurityPrefs)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlURI, xmlFreeURI)

/* private */
struct _AaXslt {
	gchar *filename;
	xsltStylesheet *style;
	GPtrArray *allowed;   /* canonical paths document() may read */
	GPtrArray *params;    /* name, value, name, value, ... */
	GString *log;         /* libxslt messages of the last parse or transform */
	GString *refused;     /* what the security checks refused in the last run */
	GString *load_errors; /* document() loads that failed in the last run */
	GPtrArray *docs;      /* AaXsltDoc: in-memory documents document() is served */
	gboolean globals;     /* holds a reference on libxslt's global tables */
};

/* a document the caller holds, served to document() under a URI of its own
 * instead of being read from disk */
typedef struct {
	gchar *uri;  /* what the stylesheet parameter holds */
	gchar *path; /* its path, what the security checks see */
	xmlDoc *doc; /* borrowed */
} AaXsltDoc;

static void
aa_xslt_doc_free(AaXsltDoc *self)
{
	g_free(self->uri);
	g_free(self->path);
	g_free(self);
}

static void aa_xslt_log_cb(void *data, const char *msg, ...) G_GNUC_PRINTF(2, 3);

static void
aa_xslt_log_cb(void *data, const char *msg, ...)
{
	AaXslt *self = data;
	va_list args;
	if (self == NULL)
		return;
	va_start(args, msg);
	g_string_append_vprintf(self->log, msg, args);
	va_end(args);
}

/* libxslt and libxml2 report through process-wide handlers while parsing;
 * point them at @self only for the duration of one call */
static void
aa_xslt_capture_errors(AaXslt *self)
{
	xsltSetGenericErrorFunc(self, aa_xslt_log_cb);
	xmlSetGenericErrorFunc(self, aa_xslt_log_cb);
}

static void
aa_xslt_release_errors(void)
{
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
}

/* the local path a URI names, or NULL for anything that is not a local file */
static gchar *
aa_xslt_uri_to_path(const gchar *uri_text)
{
	g_autoptr(xmlURI) uri = NULL;
	if (uri_text == NULL)
		return NULL;
	uri = xmlParseURI(uri_text);
	if (uri == NULL || uri->path == NULL)
		return NULL;
	if (uri->scheme != NULL && g_ascii_strcasecmp(uri->scheme, "file") != 0)
		return NULL;
	if (uri->server != NULL && uri->server[0] != '\0' &&
	    g_ascii_strcasecmp(uri->server, "localhost") != 0)
		return NULL;
	return g_strdup(uri->path);
}

/* resolves symbolic links and "..", so that an allowed file cannot be
 * reached under another name and a refused one cannot hide behind one */
static gchar *
aa_xslt_canonical(const gchar *path)
{
	g_autofree gchar *abs = NULL;
	char *real;
	if (path == NULL)
		return NULL;
	abs = g_canonicalize_filename(path, NULL);
	real = realpath(abs, NULL);
	if (real != NULL) {
		gchar *result = g_strdup(real);
		free(real);
		return result;
	}
	return g_steal_pointer(&abs);
}

/* the in-memory document served under @path, or NULL */
static AaXsltDoc *
aa_xslt_served(AaXslt *self, const gchar *path)
{
	for (guint i = 0; path != NULL && i < self->docs->len; i++) {
		AaXsltDoc *served = g_ptr_array_index(self->docs, i);
		if (g_strcmp0(served->path, path) == 0)
			return served;
	}
	return NULL;
}

static gboolean
aa_xslt_is_allowed(AaXslt *self, const gchar *path)
{
	g_autofree gchar *canonical = NULL;
	if (aa_xslt_served(self, path) != NULL)
		return TRUE;
	canonical = aa_xslt_canonical(path);
	if (canonical == NULL)
		return FALSE;
	for (guint i = 0; i < self->allowed->len; i++) {
		if (g_strcmp0(g_ptr_array_index(self->allowed, i), canonical) == 0)
			return TRUE;
	}
	return FALSE;
}

static AaXslt *
aa_xslt_from_transform(xsltTransformContextPtr ctxt)
{
	return ctxt != NULL ? ctxt->_private : NULL;
}

/* notes a refused access for the error message; 0 is libxslt's "refused" */
static int
aa_xslt_refuse(AaXslt *self, const gchar *access, const char *value, const gchar *why)
{
	if (self != NULL)
		g_string_append_printf(self->refused, "%s %s refused%s; ", access,
		                       value != NULL ? value : "(null)", why);
	return 0;
}

static int
aa_xslt_check_read_cb(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	AaXslt *self = aa_xslt_from_transform(ctxt);
	if (self == NULL)
		return 0;
	if (value != NULL && aa_xslt_is_allowed(self, value))
		return 1;
	return aa_xslt_refuse(self, "reading", value, " (not an input)");
}

static int
aa_xslt_forbid_write_cb(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return aa_xslt_refuse(aa_xslt_from_transform(ctxt), "writing", value, "");
}

static int
aa_xslt_forbid_network_cb(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return aa_xslt_refuse(aa_xslt_from_transform(ctxt), "network access to", value, "");
}

/* document(), xsl:import and xsl:include all come here instead of libxml2's
 * default loader: only local files, parsed by the safe loader */
static xmlDocPtr
aa_xslt_loader_cb(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	g_autofree gchar *path = aa_xslt_uri_to_path((const gchar *)uri);
	g_autoptr(GError) error_local = NULL;
	xmlDoc *doc;

	if (type == XSLT_LOAD_DOCUMENT) {
		AaXslt *self = aa_xslt_from_transform(ctxt);
		AaXsltDoc *served;
		if (self == NULL)
			return NULL;
		/* normally found in the transform's document list; a copy if the
		 * URI reached libxslt spelled differently */
		served = aa_xslt_served(self, path);
		if (served != NULL)
			return xmlCopyDoc(served->doc, 1);
		if (path == NULL || !aa_xslt_is_allowed(self, path)) {
			g_string_append_printf(self->refused, "loading %s refused; ",
			                       (const gchar *)uri);
			return NULL;
		}
		doc = aa_xml_load_file(path, &error_local);
		if (doc == NULL)
			g_string_append_printf(self->load_errors, "%s; ", error_local->message);
		return doc;
	}

	/* stylesheet modules: only .xsl files beside the importing stylesheet */
	if (type == XSLT_LOAD_STYLESHEET) {
		xsltStylesheetPtr style = ctxt;
		g_autofree gchar *dir = NULL;
		g_autofree gchar *want_dir = NULL;
		g_autofree gchar *canonical = aa_xslt_canonical(path);
		if (canonical == NULL || style == NULL || style->doc == NULL ||
		    style->doc->URL == NULL || !g_str_has_suffix(canonical, ".xsl"))
			return NULL;
		want_dir = g_path_get_dirname(canonical);
		{
			g_autofree gchar *parent =
			    aa_xslt_canonical((const gchar *)style->doc->URL);
			dir = g_path_get_dirname(parent);
		}
		if (g_strcmp0(dir, want_dir) != 0)
			return NULL;
		g_free(path);
		path = g_steal_pointer(&canonical);
	}
	if (path == NULL)
		return NULL;
	doc = aa_xml_load_file(path, &error_local);
	if (doc == NULL)
		xsltGenericError(xsltGenericErrorContext, "%s\n", error_local->message);
	return doc;
}

/* libxslt's extension tables are process-wide and never freed on their own;
 * they live while at least one runner exists, so that a module unloaded by
 * the host leaves nothing behind */
G_LOCK_DEFINE_STATIC(aa_xslt_users);
static guint aa_xslt_users = 0;

static void
aa_xslt_ref_globals(void)
{
	aa_xml_init();
	G_LOCK(aa_xslt_users);
	if (aa_xslt_users++ == 0) {
		xsltInit();
		exsltRegisterAll();
		xsltSetLoaderFunc(aa_xslt_loader_cb);
	}
	G_UNLOCK(aa_xslt_users);
}

static void
aa_xslt_unref_globals(void)
{
	G_LOCK(aa_xslt_users);
	if (--aa_xslt_users == 0) {
		xsltSetLoaderFunc(NULL);
		xsltCleanupGlobals();
	}
	G_UNLOCK(aa_xslt_users);
}

/**
 * aa_xslt_file_uri:
 * @filename: a local path
 *
 * Returns: (transfer full): a `file://` URI for @filename, escaped so that
 * it can be passed to document() through a string parameter
 */
gchar *
aa_xslt_file_uri(const gchar *filename)
{
	g_autofree gchar *canonical = aa_xslt_canonical(filename);
	gchar *uri = g_filename_to_uri(canonical, NULL, NULL);
	return uri != NULL ? uri : g_strdup(canonical);
}

/**
 * aa_xslt_new:
 * @filename: the stylesheet
 * @error: (nullable): optional return location for an error
 *
 * Parses and compiles a stylesheet.  The stylesheet is read with
 * aa_xml_load_file(), so it may not carry a DOCTYPE; xsl:import and
 * xsl:include may only name `.xsl` files in the same directory.
 *
 * Returns: (transfer full): a runner, or %NULL
 */
AaXslt *
aa_xslt_new(const gchar *filename, GError **error)
{
	g_autoptr(AaXslt) self = g_new0(AaXslt, 1);
	g_autoptr(xmlDoc) doc = NULL;

	aa_xslt_ref_globals();
	self->globals = TRUE;
	self->filename = g_strdup(filename);
	self->allowed = g_ptr_array_new_with_free_func(g_free);
	self->params = g_ptr_array_new_with_free_func(g_free);
	self->log = g_string_new(NULL);
	self->refused = g_string_new(NULL);
	self->load_errors = g_string_new(NULL);
	self->docs = g_ptr_array_new_with_free_func((GDestroyNotify)aa_xslt_doc_free);

	doc = aa_xml_load_file(filename, error);
	if (doc == NULL) {
		g_prefix_error(error, "failed to load stylesheet: ");
		return NULL;
	}
	aa_xslt_capture_errors(self);
	self->style = xsltParseStylesheetDoc(doc);
	aa_xslt_release_errors();
	if (self->style == NULL) {
		g_autofree gchar *log = g_strstrip(g_strdup(self->log->str));
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, 0,
		                "not a valid XSLT stylesheet: %s; fix the stylesheet at the "
		                "line named",
		                log[0] != '\0' ? log : "unknown error");
		return NULL;
	}
	/* the stylesheet owns the document now */
	doc = NULL;
	return g_steal_pointer(&self);
}

/**
 * aa_xslt_free:
 * @self: (nullable): a runner
 */
void
aa_xslt_free(AaXslt *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->style, xsltFreeStylesheet);
	g_clear_pointer(&self->allowed, g_ptr_array_unref);
	g_clear_pointer(&self->params, g_ptr_array_unref);
	g_string_free(self->log, TRUE);
	g_string_free(self->refused, TRUE);
	g_string_free(self->load_errors, TRUE);
	g_clear_pointer(&self->docs, g_ptr_array_unref);
	g_free(self->filename);
	if (self->globals)
		aa_xslt_unref_globals();
	g_free(self);
}

/**
 * aa_xslt_get_filename:
 * @self: a runner
 *
 * Returns: (transfer none): the stylesheet file name
 */
const gchar *
aa_xslt_get_filename(AaXslt *self)
{
	return self->filename;
}

/**
 * aa_xslt_allow_read:
 * @self: a runner
 * @filename: an input file
 *
 * Lets document() read @filename (by any name that resolves to the same
 * file).  Every other local file is refused.
 */
void
aa_xslt_allow_read(AaXslt *self, const gchar *filename)
{
	g_ptr_array_add(self->allowed, aa_xslt_canonical(filename));
}

/**
 * aa_xslt_set_param:
 * @self: a runner
 * @name: a top-level xsl:param name
 * @value: (nullable): its string value, or %NULL to remove it
 *
 * Sets a string parameter.  The value is passed as a literal string: it is
 * never evaluated as an XPath expression, whatever quotes it holds.
 */
void
aa_xslt_set_param(AaXslt *self, const gchar *name, const gchar *value)
{
	for (guint i = 0; i + 1 < self->params->len; i += 2) {
		if (g_strcmp0(g_ptr_array_index(self->params, i), name) == 0) {
			g_ptr_array_remove_range(self->params, i, 2);
			break;
		}
	}
	if (value == NULL)
		return;
	g_ptr_array_add(self->params, g_strdup(name));
	g_ptr_array_add(self->params, g_strdup(value));
}

/**
 * aa_xslt_set_doc_param:
 * @self: a runner
 * @name: a top-level xsl:param that the stylesheet passes to document()
 * @doc: the document, borrowed: it must live until the runner is freed
 *
 * Hands @doc to the stylesheet without a file: @name is set to a URI of its
 * own that document() resolves to @doc itself, not to a copy or a file read.
 * The document is not modified.
 */
void
aa_xslt_set_doc_param(AaXslt *self, const gchar *name, xmlDoc *doc)
{
	AaXsltDoc *served;
	g_return_if_fail(doc != NULL);
	served = g_new0(AaXsltDoc, 1);
	/* an absolute file URI, so that document() takes it as it is; the path
	 * is never opened, whatever exists there */
	served->path = g_strdup_printf("/acrn-alloc-memory/%u/%s.xml", self->docs->len, name);
	served->uri = g_strconcat("file://", served->path, NULL);
	served->doc = doc;
	g_ptr_array_add(self->docs, served);
	aa_xslt_set_param(self, name, served->uri);
}

/**
 * aa_xslt_set_input_param:
 * @self: a runner
 * @name: a top-level xsl:param that the stylesheet passes to document()
 * @doc: (nullable): the input, in memory, borrowed as by aa_xslt_set_doc_param()
 * @filename: the input's file, read by document() only when @doc is %NULL
 *
 * Hands an input to the stylesheet: from memory when the caller holds it,
 * else from its file (which is then the only file document() may read for it).
 */
void
aa_xslt_set_input_param(AaXslt *self, const gchar *name, xmlDoc *doc, const gchar *filename)
{
	g_autofree gchar *uri = NULL;
	if (doc != NULL) {
		aa_xslt_set_doc_param(self, name, doc);
		return;
	}
	uri = aa_xslt_file_uri(filename);
	aa_xslt_allow_read(self, filename);
	aa_xslt_set_param(self, name, uri);
}

/* puts the served documents into the transform's document list, under their
 * URIs, as documents the transform does not own (`main`), so that document()
 * finds them there; their own URLs are swapped back by aa_xslt_unserve() */
static void
aa_xslt_serve(AaXslt *self, xsltTransformContext *ctxt, GPtrArray *urls)
{
	for (guint i = 0; i < self->docs->len; i++) {
		AaXsltDoc *served = g_ptr_array_index(self->docs, i);
		xsltDocument *entry;
		g_ptr_array_add(urls, (gpointer)served->doc->URL);
		served->doc->URL = xmlStrdup((const xmlChar *)served->uri);
		entry = xsltNewDocument(ctxt, served->doc);
		if (entry != NULL)
			entry->main = 1;
	}
}

static void
aa_xslt_unserve(AaXslt *self, GPtrArray *urls)
{
	for (guint i = 0; i < self->docs->len && i < urls->len; i++) {
		AaXsltDoc *served = g_ptr_array_index(self->docs, i);
		xmlFree((xmlChar *)served->doc->URL);
		served->doc->URL = g_ptr_array_index(urls, i);
	}
}

/**
 * aa_xslt_get_messages:
 * @self: a runner
 *
 * Returns: (transfer none): what libxslt and xsl:message printed during the
 * last aa_xslt_apply(), "" if nothing
 */
const gchar *
aa_xslt_get_messages(AaXslt *self)
{
	return self->log->str;
}

static xsltSecurityPrefs *
aa_xslt_security_new(void)
{
	xsltSecurityPrefs *sec = xsltNewSecurityPrefs();
	if (sec == NULL)
		return NULL;
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, aa_xslt_check_read_cb);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, aa_xslt_forbid_write_cb);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, aa_xslt_forbid_write_cb);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, aa_xslt_forbid_network_cb);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, aa_xslt_forbid_network_cb);
	return sec;
}

/**
 * aa_xslt_apply:
 * @self: a runner
 * @doc: the source document, not modified
 * @len: (out) (optional): the length of the result in bytes
 * @error: (nullable): optional return location for an error
 *
 * Runs the stylesheet on @doc and serializes the result as its xsl:output
 * says.  Fails with %AA_ERROR_HOSTILE if the stylesheet tried to write a
 * file, create a directory, use the network or read a file that was not
 * allowed with aa_xslt_allow_read(), even if it carried on; and with
 * %AA_ERROR_INVALID_DATA if the transform stopped (xsl:message
 * terminate="yes", a runtime error) or an allowed input failed to load.
 *
 * Returns: (transfer full): the result text, or %NULL
 */
gchar *
aa_xslt_apply(AaXslt *self, xmlDoc *doc, gsize *len, GError **error)
{
	g_autoptr(xsltSecurityPrefs) sec = NULL;
	g_autoptr(xsltTransformContext) ctxt = NULL;
	g_autoptr(xmlDoc) res = NULL;
	g_autofree const gchar **params = NULL;
	g_autoptr(GPtrArray) urls = g_ptr_array_new();
	xmlChar *buf = NULL;
	int buf_len = 0;
	gboolean stopped;
	gchar *result;

	g_return_val_if_fail(self != NULL, NULL);
	g_return_val_if_fail(doc != NULL, NULL);

	g_string_truncate(self->log, 0);
	g_string_truncate(self->refused, 0);
	g_string_truncate(self->load_errors, 0);

	sec = aa_xslt_security_new();
	ctxt = xsltNewTransformContext(self->style, doc);
	if (sec == NULL || ctxt == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_FAILED,
		            "%s: cannot create an XSLT transform context", self->filename);
		return NULL;
	}
	ctxt->_private = self;
	if (xsltSetCtxtSecurityPrefs(sec, ctxt) != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_FAILED,
		            "%s: cannot set XSLT security preferences", self->filename);
		return NULL;
	}
	xsltSetTransformErrorFunc(ctxt, self, aa_xslt_log_cb);

	/* values are quoted: a name like "x') or ('1" stays a string */
	params = g_new0(const gchar *, self->params->len + 1);
	for (guint i = 0; i < self->params->len; i++)
		params[i] = g_ptr_array_index(self->params, i);
	if (xsltQuoteUserParams(ctxt, params) != 0) {
		g_autofree gchar *log = g_strstrip(g_strdup(self->log->str));
		aa_error_set_at(error, AA_ERROR_FAILED, self->filename, 0,
		                "cannot pass the stylesheet parameters: %s", log);
		return NULL;
	}

	aa_xslt_capture_errors(self);
	aa_xslt_serve(self, ctxt, urls);
	res = xsltApplyStylesheetUser(self->style, doc, NULL, NULL, NULL, ctxt);
	aa_xslt_unserve(self, urls);
	aa_xslt_release_errors();
	stopped = ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED;

	if (self->refused->len > 0) {
		g_autofree gchar *what = g_strdup(self->refused->str);
		g_strchomp(what);
		if (g_str_has_suffix(what, ";"))
			what[strlen(what) - 1] = '\0';
		aa_error_set_at(error, AA_ERROR_HOSTILE, self->filename, 0,
		                "the stylesheet was stopped: %s; a stylesheet may only read the "
		                "inputs it is given and write nothing but its result",
		                what);
		return NULL;
	}
	if (self->load_errors->len > 0) {
		g_autofree gchar *what = g_strstrip(g_strdup(self->load_errors->str));
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA, "%s", what);
		return NULL;
	}
	if (res == NULL || stopped) {
		g_autofree gchar *log = g_strstrip(g_strdup(self->log->str));
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, 0,
		                "transform failed: %s",
		                log[0] != '\0' ? log : "no result (unknown error)");
		return NULL;
	}

	if (xsltSaveResultToString(&buf, &buf_len, res, self->style) != 0) {
		aa_error_set_at(error, AA_ERROR_FAILED, self->filename, 0,
		                "cannot serialize the transform result");
		return NULL;
	}
	if (buf == NULL)
		buf_len = 0;
	result = buf != NULL ? g_strndup((const gchar *)buf, (gsize)buf_len) : g_strdup("");
	xmlFree(buf);
	if (len != NULL)
		*len = (gsize)buf_len;
	return result;
}
