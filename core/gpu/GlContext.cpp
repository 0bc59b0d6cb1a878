#include "gpu/GlContext.h"
