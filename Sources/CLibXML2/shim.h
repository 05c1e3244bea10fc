// libxml2 built with ICU declares ICU's types in its encoding header, which
// clash with Foundation's own copy of ICU. Winnow uses none of them (nor the
// encoding handler struct whose layout they change), so they are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
