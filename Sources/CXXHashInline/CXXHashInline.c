// Everything lives in the header as static inline functions; this file only
// gives SwiftPM a C target to build.
#include "CXXHashInline.h"
