#pragma once
// A QR code drawn with the draw list from the encoder's module matrix (common/qr.hpp): each
// module a whole number of device pixels, so it is crisp at every pixel ratio and scanners read
// it from the screen, with the standard's quiet zone of four light modules around it.

#include "mimamori/common/qr.hpp"

namespace mimamori::web::ui {

// Draws `code` at most `max_size_em` wide (quiet zone included) and at least one device pixel
// per module; `label` names it for the test hook (kind "image", value: the module count).
void qr_code(const qr::QrCode& code, float max_size_em, const char* label);

} // namespace mimamori::web::ui
