// The system zlib (Debian: zlib1g-dev), for reading and writing .gz inputs.
#include <zlib.h>
