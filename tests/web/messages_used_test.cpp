// Every message a UI text table defines (i18n/, files/files_text, family/family_text) is used by
// the app's code in web/src: no text is left behind when a screen changes (each would still be
// translated, reviewed and put in the font).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "source_files.hpp"

#include "family/family_text.hpp"
#include "files/files_text.hpp"
#include "i18n/i18n.hpp"

namespace mimamori::test {
namespace {

namespace fs = std::filesystem;

// The enumerators of `enum class <name> {...}` in `header` (Count, the tables' size, left out).
std::vector<std::string> enumerators(const std::string& header, const std::string& name) {
    const std::string text = read_file(header);
    const auto start = text.find("enum class " + name + " {");
    if (start == std::string::npos) return {};
    const auto end = text.find("};", start);
    std::vector<std::string> names;
    const auto open = text.find('{', start) + 1;
    for (const std::string& item : list_items(text.substr(open, end - open))) {
        std::string n = item.substr(0, item.find_first_of(" \t\r="));
        if (n != "Count") names.push_back(std::move(n));
    }
    return names;
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The identifiers that follow `prefix` (e.g. "Msg::") in `text`, the prefix not itself the tail
// of a longer name.
void references(const std::string& text, const std::string& prefix, std::set<std::string>& out) {
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
        if (at > 0 && identifier_char(text[at - 1])) continue;
        auto end = at + prefix.size();
        while (end < text.size() && identifier_char(text[end])) ++end;
        out.insert(text.substr(at + prefix.size(), end - at - prefix.size()));
    }
}

// The keys of a table that no code outside the table itself names.
struct Table {
    std::string name;
    std::string header;              // under web/src
    std::string enum_name;           // "Msg", "T"
    std::set<std::string> own_files; // the table's header and sources, not uses
    std::string layer_dir;           // where "T::" alone means this table ("" for Msg)
    std::string qualified;           // "family::T::"; Msg is "Msg::" everywhere
};

std::vector<std::string> unused_keys(const Table& table, const fs::path& src) {
    std::set<std::string> used;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        const fs::path& p = entry.path();
        if (p.extension() != ".cpp" && p.extension() != ".hpp") continue;
        const std::string rel = fs::relative(p, src).generic_string();
        if (table.own_files.contains(rel)) continue;
        const std::string text = read_file(p);
        references(text, table.qualified, used);
        if (!table.layer_dir.empty() && rel.starts_with(table.layer_dir)) references(text, "T::", used);
    }
    std::vector<std::string> unused;
    for (const std::string& key : enumerators((src / table.header).string(), table.enum_name))
        if (!used.contains(key)) unused.push_back(key);
    return unused;
}

TEST(UiTexts, EveryMessageIsUsedByTheApp) {
    const fs::path src = MIMAMORI_WEB_SRC;
    const Table tables[] = {
        {"i18n", "i18n/i18n.hpp", "Msg", {"i18n/i18n.hpp", "i18n/ja.cpp", "i18n/en.cpp"}, "", "Msg::"},
        {"files", "files/files_text.hpp", "T", {"files/files_text.hpp", "files/files_text.cpp"}, "files/", "files::T::"},
        {"family", "family/family_text.hpp", "T", {"family/family_text.hpp", "family/family_text.cpp"}, "family/",
         "family::T::"},
    };
    const std::size_t expected_sizes[] = {static_cast<std::size_t>(web::i18n::Msg::Count),
                                          static_cast<std::size_t>(web::files::T::Count),
                                          static_cast<std::size_t>(web::family::T::Count)};
    for (std::size_t i = 0; i < std::size(tables); ++i) {
        const Table& t = tables[i];
        // The header is read as the compiler reads it (a parse that missed keys would prove nothing).
        ASSERT_EQ(enumerators((src / t.header).string(), t.enum_name).size(), expected_sizes[i]) << t.name;
        std::string list;
        for (const std::string& key : unused_keys(t, src)) list += " " + key;
        EXPECT_EQ(list, "") << t.name << ": messages no code uses (remove them from the enum and both languages)";
    }
}

TEST(UiTexts, TheUseCheckSeesAKeyNoCodeNames) {
    const fs::path dir = fs::temp_directory_path() / ("mimamori-ui-text-" + std::to_string(::getpid()));
    fs::create_directories(dir / "i18n");
    fs::create_directories(dir / "screens");
    std::ofstream(dir / "i18n/i18n.hpp") << "enum class Msg {\n    Used, // a comment, Fake\n    Unused,\n    Count\n};\n";
    std::ofstream(dir / "i18n/ja.cpp") << "{Msg::Used, \"a\"}, {Msg::Unused, \"b\"},\n";
    std::ofstream(dir / "screens/a.cpp") << "tr(lang, Msg::Used); tr(lang, NotMsg::Unused);\n";
    const Table t{"i18n", "i18n/i18n.hpp", "Msg", {"i18n/i18n.hpp", "i18n/ja.cpp"}, "", "Msg::"};
    EXPECT_EQ(enumerators((dir / t.header).string(), "Msg"), (std::vector<std::string>{"Used", "Unused"}));
    EXPECT_EQ(unused_keys(t, dir), std::vector<std::string>{"Unused"});
    fs::remove_all(dir);
}

} // namespace
} // namespace mimamori::test
