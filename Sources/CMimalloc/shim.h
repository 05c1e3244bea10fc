// mimalloc (Debian: libmimalloc-dev). Linked into the winnow executable, it
// takes the place of the C library's malloc for the whole process.
#include <mimalloc.h>
