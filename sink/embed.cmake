# Turns a file into a C array (used for sink/dashboard.html).
#   cmake -DIN=FILE -DOUT=FILE.c -DNAME=symbol -DHEADER=header.h -P embed.cmake
# Defines `const unsigned char NAME[]` (the bytes plus a trailing NUL) and
# `const size_t NAME_len` (the bytes without it).
file(READ "${IN}" _hex HEX)
string(LENGTH "${_hex}" _n)
math(EXPR _len "${_n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _arr "${_hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" _arr "${_arr}")
get_filename_component(_src "${IN}" NAME)
file(WRITE "${OUT}.tmp"
     "/* Generated from ${_src} by embed.cmake; do not edit. */\n"
     "#include \"${HEADER}\"\n\n"
     "const unsigned char ${NAME}[] = {\n${_arr}0x00};\n"
     "const size_t ${NAME}_len = ${_len};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
