/* func.h: placeholder. */
#ifndef DG_FUNC_P_H
#define DG_FUNC_P_H
#endif
