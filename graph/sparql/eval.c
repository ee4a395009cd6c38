/* eval.c: placeholder, filled in by its module's commit. */
#include "config.h"
