/* path.h: placeholder. */
#ifndef DG_PATH_P_H
#define DG_PATH_P_H
#endif
