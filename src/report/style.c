#include "report/style.h"

#define RGB(R, G, B, HEX) { (R) / 255.0, (G) / 255.0, (B) / 255.0, HEX }

const struct rgb style_ink = RGB(0x1d, 0x1d, 0x1b, "#1d1d1b");
const struct rgb style_muted = RGB(0x59, 0x59, 0x59, "#595959");
const struct rgb style_rule = RGB(0xc8, 0xc8, 0xc8, "#c8c8c8");
const struct rgb style_band = RGB(0xe4, 0xe4, 0xe4, "#e4e4e4");
const struct rgb style_band_lt = RGB(0xf4, 0xf4, 0xf4, "#f4f4f4");
const struct rgb style_blue = RGB(0x00, 0x72, 0xb2, "#0072b2");
const struct rgb style_blue_lt = RGB(0xb8, 0xd5, 0xea, "#b8d5ea");
const struct rgb style_orange = RGB(0xb8, 0x4a, 0x00, "#b84a00");
const struct rgb style_accent = RGB(0x15, 0x42, 0x73, "#154273");
