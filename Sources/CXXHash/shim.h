// The system libxxhash (Debian: libxxhash-dev), linked as a shared library.
// Winnow uses it for long inputs, where a call's overhead does not matter.
#include <xxhash.h>
