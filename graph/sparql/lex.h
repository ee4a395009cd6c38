/* lex.h: placeholder. */
#ifndef DG_LEX_P_H
#define DG_LEX_P_H
#endif
