/*  An empty translation unit: lets a stage library exist before it has
    modules of its own (a static library needs one source). */
typedef int zc_none_t;
