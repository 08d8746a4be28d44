// The mask penalty rules of ISO/IEC 18004:2015 §7.8.3, Table 11 (N1 = 3, N2 = 3, N3 = 40, N4 = 10).
#include <cstdlib>

#include "mimamori/common/qr.hpp"

namespace mimamori::qr {
namespace {

// One row or column of the grid, read as a line of modules; outside it is the light quiet zone.
template <typename Get>
struct Line {
    Get get;
    int size;
    bool at(int i) const { return i >= 0 && i < size && get(i); }
};

template <typename Get>
int run_penalty(const Line<Get>& line) {
    int score = 0;
    int run = 0;
    for (int i = 0; i < line.size; ++i) {
        run = (i > 0 && line.at(i) == line.at(i - 1)) ? run + 1 : 1;
        if (run == 5) score += 3;
        else if (run > 5) score += 1;
    }
    return score;
}

template <typename Get>
int finder_like_penalty(const Line<Get>& line) {
    // dark light dark dark dark light dark, with four light modules before or after it.
    static constexpr bool pattern[7] = {true, false, true, true, true, false, true};
    int score = 0;
    for (int start = 0; start + 7 <= line.size; ++start) {
        bool match = true;
        for (int k = 0; k < 7 && match; ++k) match = line.at(start + k) == pattern[k];
        if (!match) continue;
        bool light_before = true;
        bool light_after = true;
        for (int k = 1; k <= 4; ++k) {
            light_before = light_before && !line.at(start - k);
            light_after = light_after && !line.at(start + 6 + k);
        }
        if (light_before || light_after) score += 40;
    }
    return score;
}

} // namespace

Penalty penalty(const ModuleGrid& grid) {
    Penalty p;
    const int n = grid.size();
    for (int i = 0; i < n; ++i) {
        const auto row_get = [&grid, i](int x) { return grid.get(x, i); };
        const auto column_get = [&grid, i](int y) { return grid.get(i, y); };
        const Line<decltype(row_get)> row{row_get, n};
        const Line<decltype(column_get)> column{column_get, n};
        p.runs += run_penalty(row) + run_penalty(column);
        p.finder_like += finder_like_penalty(row) + finder_like_penalty(column);
    }
    int dark = 0;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            dark += grid.get(x, y) ? 1 : 0;
            if (x + 1 < n && y + 1 < n) {
                const bool c = grid.get(x, y);
                if (grid.get(x + 1, y) == c && grid.get(x, y + 1) == c && grid.get(x + 1, y + 1) == c) p.blocks += 3;
            }
        }
    const int total = n * n;
    if (total > 0) p.balance = 10 * (std::abs(20 * dark - 10 * total) / total);
    return p;
}

} // namespace mimamori::qr
