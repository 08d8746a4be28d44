// File names cleaned or refused (file_names.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/file_names.hpp"

using namespace mimamori;
using files::clean_file_name;

namespace {

std::string clean(std::string_view name) {
    auto r = clean_file_name(name);
    EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : std::string();
}

std::string refused(std::string_view name) {
    auto r = clean_file_name(name, "filename");
    EXPECT_FALSE(r.ok()) << name;
    if (r.ok()) return {};
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(r.error().field, "filename");
    return r.error().message;
}

} // namespace

TEST(FileNames, JapaneseNamesKept) {
    EXPECT_EQ(clean("褥瘡の写真 2024.jpg"), "褥瘡の写真 2024.jpg");
    EXPECT_EQ(clean("　訪問看護記録（6月）.docx　"), "訪問看護記録（6月）.docx");
    EXPECT_EQ(clean("カ\u3099ーセ\u3099交換.mp4"), "ガーゼ交換.mp4"); // from macOS
}

TEST(FileNames, PathsAndControlCharactersAreRefused) {
    EXPECT_NE(refused("../etc/passwd").find("path"), std::string::npos);
    refused("photos/a.jpg");
    refused("C:\\Users\\a.jpg");
    refused("..\\a.jpg");
    EXPECT_NE(refused("a\nb.jpg").find("control"), std::string::npos);
    refused("a\tb.jpg");
    refused(std::string("a\0b.jpg", 7));
    refused("a\x7F.jpg");
    refused("gpj\u202E.exe"); // right-to-left override: shows as "exe.jpg"
    refused("\xFF\xFE.jpg");
    refused("");
    refused("   ");
    refused(".");
    refused("..");
    refused(". . .");
}

TEST(FileNames, CleanedForEverySystem) {
    EXPECT_EQ(clean(".bashrc"), "bashrc");
    EXPECT_EQ(clean("...hidden.txt"), "hidden.txt");
    EXPECT_EQ(clean("report.pdf. . "), "report.pdf");
    EXPECT_EQ(clean("a<b>c:d\"e|f?g*.txt"), "a_b_c_d_e_f_g_.txt");
    EXPECT_EQ(clean("CON"), "_CON");
    EXPECT_EQ(clean("con.txt"), "_con.txt");
    EXPECT_EQ(clean("Lpt1.log"), "_Lpt1.log");
    EXPECT_EQ(clean("com9.tar.gz"), "_com9.tar.gz");
    EXPECT_EQ(clean("console.txt"), "console.txt");
    EXPECT_EQ(clean("com0.txt"), "com0.txt");
}

TEST(FileNames, LongNamesShortenedKeepingTheExtension) {
    std::string japanese;
    for (int i = 0; i < 100; ++i) japanese += "写"; // 300 bytes
    const std::string cleaned = clean(japanese + ".jpg");
    EXPECT_LE(cleaned.size(), files::max_file_name_bytes);
    EXPECT_EQ(cleaned.size(), 83 * 3 + 4u); // whole characters only (251 bytes for the stem)
    EXPECT_TRUE(cleaned.ends_with("写.jpg"));
    EXPECT_EQ(clean(std::string(255, 'a')).size(), 255u);
    EXPECT_EQ(clean(std::string(300, 'a')).size(), 255u);
}

TEST(FileNames, Extensions) {
    EXPECT_EQ(files::extension("写真.JPG"), "jpg");
    EXPECT_EQ(files::extension("archive.tar.gz"), "gz");
    EXPECT_EQ(files::extension("README"), "");
    EXPECT_EQ(files::extension(".profile"), "");
    EXPECT_EQ(files::extension("name."), "");
    EXPECT_EQ(files::extension("a." + std::string(17, 'x')), "");
    EXPECT_EQ(files::extension("a." + std::string(16, 'x')), std::string(16, 'x'));
}
