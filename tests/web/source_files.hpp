#pragma once
// Reading the project's files (sources, data) in the tests of the app's texts.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace mimamori::test {

// The whole of a file; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The items of a comma-separated C++ list (an enum's body, an array's initialiser), line by line
// with `//` comments cut off, each without its leading blanks; empty items are left out.
inline std::vector<std::string> list_items(const std::string& text) {
    std::vector<std::string> items;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        line = line.substr(0, line.find("//"));
        std::istringstream parts(line);
        for (std::string item; std::getline(parts, item, ',');) {
            const auto start = item.find_first_not_of(" \t\r");
            if (start != std::string::npos) items.push_back(item.substr(start));
        }
    }
    return items;
}

} // namespace mimamori::test
