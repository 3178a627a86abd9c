#ifndef IPM_VERSION_H
#define IPM_VERSION_H
#define IPM_VERSION "0.1.0"
#endif
