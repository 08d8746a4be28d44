#pragma once
// Reading the project's files (sources, data) in the tests of the app's texts.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mimamori::test {

// The whole of a file; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace mimamori::test
