// Content-Disposition with Japanese file names (content_disposition.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/content_disposition.hpp"

using namespace mimamori::http;

TEST(ContentDisposition, JapaneseNameWithAsciiFallback) {
    EXPECT_EQ(content_disposition(Disposition::Attachment, "褥瘡の写真 2024.jpg"),
              "attachment; filename=\"2024.jpg\"; "
              "filename*=UTF-8''%E8%A4%A5%E7%98%A1%E3%81%AE%E5%86%99%E7%9C%9F%202024.jpg");
    EXPECT_EQ(content_disposition(Disposition::Inline, "写真.png"),
              "inline; filename=\"file.png\"; filename*=UTF-8''%E5%86%99%E7%9C%9F.png");
}

TEST(ContentDisposition, PlainAsciiNamesNeedNoExtendedForm) {
    EXPECT_EQ(content_disposition(Disposition::Attachment, "report-2024_06.pdf"), "attachment; filename=\"report-2024_06.pdf\"");
    EXPECT_EQ(content_disposition(Disposition::Inline, "wound photo.jpg"), "inline; filename=\"wound photo.jpg\"");
}

TEST(ContentDisposition, FallbackNeverBreaksTheHeader) {
    EXPECT_EQ(ascii_fallback_name("a\"b\\c;d%e/f.txt"), "a_b_c_d_e_f.txt");
    EXPECT_EQ(ascii_fallback_name("evil\r\nSet-Cookie: x.txt"), "evil_Set-Cookie: x.txt");
    EXPECT_EQ(ascii_fallback_name("Aさん_経過 memo.docx"), "A memo.docx");
    EXPECT_EQ(ascii_fallback_name("経過"), "file");
    EXPECT_EQ(ascii_fallback_name(".jpg"), "file.jpg");
    EXPECT_EQ(ascii_fallback_name(""), "file");
    const std::string header = content_disposition(Disposition::Attachment, "a\"\r\n.txt");
    EXPECT_EQ(header.find('\r'), std::string::npos);
    EXPECT_EQ(header.find('\n'), std::string::npos);
    EXPECT_NE(header.find("filename*=UTF-8''a%22%0D%0A.txt"), std::string::npos);
}
