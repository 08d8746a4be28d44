#pragma once
// QR Code symbols (ISO/IEC 18004:2015, Model 2) for TOTP enrolment: the app shows the otpauth URI
// as a QR code that an authenticator app scans. Byte mode only (UTF-8 text or binary), all four
// error-correction levels, versions 1..40 chosen automatically, all eight masks scored by the
// standard's penalty rules. The result is a matrix of modules; to_svg() draws it for a page or a
// printout, and the browser app can draw the matrix itself.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::qr {

// Error-correction level: the share of codewords that can be restored (about 7, 15, 25, 30 %).
enum class Ecc { L, M, Q, H };

// A square grid of modules, dark (true) or light, (0,0) top left, x to the right, y down.
class ModuleGrid {
public:
    explicit ModuleGrid(int size = 0);
    int size() const { return m_size; }
    bool get(int x, int y) const; // x, y in [0, size)
    void set(int x, int y, bool dark);
    friend bool operator==(const ModuleGrid&, const ModuleGrid&) = default;

private:
    int m_size;
    std::vector<std::uint8_t> m_dark; // row by row
};

// An encoded symbol: its modules and how they were made. The quiet zone is not included.
class QrCode {
public:
    QrCode(ModuleGrid modules, int version, Ecc ecc, int mask)
        : m_modules(std::move(modules)), m_version(version), m_ecc(ecc), m_mask(mask) {}
    int size() const { return m_modules.size(); } // 17 + 4 * version
    bool get(int x, int y) const { return m_modules.get(x, y); }
    const ModuleGrid& modules() const { return m_modules; }
    int version() const { return m_version; }
    Ecc ecc() const { return m_ecc; }
    int mask() const { return m_mask; } // 0..7

private:
    ModuleGrid m_modules;
    int m_version;
    Ecc m_ecc;
    int m_mask;
};

struct Options {
    Ecc ecc = Ecc::M;
    int min_version = 1;  // the smallest version in [min_version, max_version] that fits is used
    int max_version = 40;
    int mask = -1;        // -1: the mask with the lowest penalty (§7.8.3); 0..7: that mask
    // Mark text that is not plain ASCII as UTF-8 with an ECI designator (ECI 000026, §7.4.3), so
    // readers that would assume ISO 8859-1 decode Japanese correctly. ASCII text never gets one.
    bool utf8_eci = true;
};

// Encodes UTF-8 text in byte mode. Errors: PayloadTooLarge when the text does not fit in
// max_version at the level (the message says the limit), InvalidInput for options out of range.
Result<QrCode> encode_text(std::string_view text, const Options& options = {});

// Encodes binary data in byte mode (never with an ECI). Errors as encode_text().
Result<QrCode> encode_bytes(ByteView data, const Options& options = {});

// How many bytes fit in byte mode in a version (1..40) at a level; with `eci`, the 12 bits of a
// one-byte ECI designator are taken first. ISO/IEC 18004 Table 7 lists these figures.
std::size_t byte_capacity(int version, Ecc ecc, bool eci = false);

// The penalty of a grid by the four rules of ISO/IEC 18004 §7.8.3. The encoder keeps the mask
// whose symbol scores lowest; public so tests can check each rule and that choice.
struct Penalty {
    int runs = 0;        // N1: 3 + (length - 5) for each run of 5 or more modules of one colour
    int blocks = 0;      // N2: 3 for each 2x2 block of one colour (overlapping blocks counted)
    int finder_like = 0; // N3: 40 for each dark-light-dark-dark-dark-light-dark run beside 4 light
                         //     modules (the light quiet zone around the symbol counts as light)
    int balance = 0;     // N4: 10 for each full 5 % that the dark share is away from 50 %
    int total() const { return runs + blocks + finder_like + balance; }
};
Penalty penalty(const ModuleGrid& grid);

// An SVG image of the symbol with a light quiet zone of `quiet_zone` modules (4 is the minimum
// the standard asks for): one unit per module, so it scales to any size without blurring.
std::string to_svg(const QrCode& code, int quiet_zone = 4);

} // namespace mimamori::qr
