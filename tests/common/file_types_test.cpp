// Content sniffing, refusals and the accepted list (file_types.hpp).
#include <gtest/gtest.h>

#include <set>

#include "mimamori/common/file_types.hpp"

using namespace mimamori;
using namespace std::string_literals;
using files::FileType;
using Kind = files::Sniffed::Kind;

namespace {

std::string le16(std::size_t v) { return {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)}; }
std::string le32(std::size_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }

// A stored ZIP entry's local header and data; `deferred` puts the sizes in a data descriptor.
std::string zip_entry(std::string_view name, std::string_view data, bool deferred = false) {
    const std::size_t size = deferred ? 0 : data.size();
    return "PK\x03\x04"s + le16(20) + le16(deferred ? 8 : 0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(size) +
           le32(size) + le16(name.size()) + le16(0) + std::string(name) + std::string(data);
}

std::string ooxml(std::string_view part) {
    return zip_entry("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>") + zip_entry("_rels/.rels", "<Relationships/>") +
           zip_entry(part, "<x/>");
}

const std::string jpeg = "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"s;
const std::string png = "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"s;
const std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"s;
const std::string mp4 = "\x00\x00\x00\x20" "ftypisom\x00\x00\x02\x00isomiso2avc1mp41"s;
const std::string exe = "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00"s;
const std::string ole2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s + std::string(24, '\0');
const std::string sjis_csv = "\x8e\x81\x96\xbc,\x94N\x97\xee\r\n\x8eR\x93\x63,80\r\n"s;

files::Sniffed sniff(const std::string& bytes, bool whole = true) { return files::sniff(as_bytes(bytes), whole); }

FileType sniffed_one(const std::string& bytes) {
    const auto s = sniff(bytes);
    EXPECT_EQ(s.kind, Kind::Known) << s.what;
    EXPECT_EQ(s.candidates.size(), 1u);
    return s.candidates.empty() ? FileType::Text : s.candidates.front();
}

Result<files::CheckedFile> check(std::string_view name, const std::string& bytes, std::string_view declared = "",
                                 const files::AcceptList& accepted = files::AcceptList::all()) {
    return files::check_upload(name, declared, as_bytes(bytes), /*whole_file=*/true, accepted);
}

// A refused upload: the code, the field it names; returns the message.
std::string refused(std::string_view name, const std::string& bytes, std::string_view field,
                    std::string_view declared = "", const files::AcceptList& accepted = files::AcceptList::all()) {
    auto r = check(name, bytes, declared, accepted);
    EXPECT_FALSE(r.ok()) << name;
    if (r.ok()) return {};
    EXPECT_EQ(r.error().code, ErrorCode::UnsupportedMediaType) << name << ": " << r.error().message;
    EXPECT_EQ(r.error().field, field) << name << ": " << r.error().message;
    return r.error().message;
}

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

} // namespace

TEST(FileTypes, TableIsConsistent) {
    std::set<std::string> extensions;
    for (const auto& t : files::file_types()) {
        EXPECT_EQ(files::file_type_from_code(t.label.code), t.value);
        EXPECT_EQ(&files::info(t.value), &t);
        std::string list(t.extensions);
        std::size_t start = 0;
        while (start < list.size()) {
            const std::size_t end = std::min(list.find(' ', start), list.size());
            const std::string ext = list.substr(start, end - start);
            EXPECT_TRUE(extensions.insert(ext).second) << ext << " belongs to two types";
            EXPECT_FALSE(files::is_refused_extension(ext)) << ext;
            start = end + 1;
        }
    }
    EXPECT_TRUE(files::is_refused_extension("exe"));
    EXPECT_FALSE(files::is_refused_extension(""));
}

TEST(FileTypes, SniffsMediaByLeadingBytes) {
    EXPECT_EQ(sniffed_one(jpeg), FileType::Jpeg);
    EXPECT_EQ(sniffed_one(png), FileType::Png);
    EXPECT_EQ(sniffed_one("GIF89a\x01\x00\x01\x00"s), FileType::Gif);
    EXPECT_EQ(sniffed_one("RIFF\x24\x00\x00\x00WEBPVP8 "s), FileType::Webp);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic"s), FileType::Heic);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x18" "ftypmif1\x00\x00\x00\x00mif1heic"s), FileType::Heic);
    EXPECT_EQ(sniffed_one(mp4), FileType::Mp4);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x18" "ftyp3gp4\x00\x00\x00\x00isom3gp4"s), FileType::Mp4);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x14" "ftypqt  \x00\x00\x00\x00qt  "s), FileType::Mov);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x08wide\x00\x00\x00\x00mdat"s), FileType::Mov);
    EXPECT_EQ(sniffed_one("\x00\x00\x00\x1C" "ftypM4A \x00\x00\x00\x00M4A mp42isom"s), FileType::M4a);
    EXPECT_EQ(sniffed_one("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm\x42\x87"s), FileType::Webm);
    EXPECT_EQ(sniffed_one("\x1A\x45\xDF\xA3\xA3\x42\x86\x81\x01\x42\x82\x88matroska"s), FileType::Mkv);
    EXPECT_EQ(sniffed_one("ID3\x04\x00\x00\x00\x00\x00\x00"s), FileType::Mp3);
    EXPECT_EQ(sniffed_one("\xFF\xFB\x90\x64\x00\x00"s), FileType::Mp3);
    EXPECT_EQ(sniffed_one("RIFF\x24\x00\x00\x00WAVEfmt "s), FileType::Wav);
    EXPECT_EQ(sniffed_one("OggS\x00\x02\x00\x00"s), FileType::Ogg);
    EXPECT_EQ(sniffed_one(pdf), FileType::Pdf);
    // Not MP3: AAC (ADTS) frames and a reserved MPEG version.
    EXPECT_EQ(sniff("\xFF\xF1\x50\x80\x00\x1F\xFC"s).kind, Kind::Unknown);
    EXPECT_EQ(sniff("\xFF\xEB\x90\x64"s).kind, Kind::Unknown);
    EXPECT_EQ(sniff("\x00\x00\x00\x18" "ftypavif\x00\x00\x00\x00" "avifmif0"s).kind, Kind::Unknown);
}

TEST(FileTypes, OfficeDocuments) {
    EXPECT_EQ(sniffed_one(ooxml("word/document.xml")), FileType::Docx);
    EXPECT_EQ(sniffed_one(ooxml("xl/workbook.xml")), FileType::Xlsx);
    EXPECT_EQ(sniffed_one(ooxml("ppt/presentation.xml")), FileType::Pptx);
    // Sizes deferred to a data descriptor: only [Content_Types].xml is seen, the name decides.
    const std::string deferred = zip_entry("[Content_Types].xml", "<Types/>", true) + zip_entry("word/document.xml", "x");
    EXPECT_EQ(sniff(deferred).candidates, (std::vector<FileType>{FileType::Docx, FileType::Xlsx, FileType::Pptx}));
    EXPECT_EQ(check("記録.xlsx", deferred)->type, FileType::Xlsx);
    EXPECT_EQ(sniff(ole2).candidates, (std::vector<FileType>{FileType::Doc, FileType::Xls, FileType::Ppt}));
    EXPECT_EQ(check("処方.xls", ole2)->type, FileType::Xls);
    EXPECT_EQ(check("処方.DOC", ole2)->media_type, "application/msword");
    EXPECT_EQ(check("report", ole2, "application/vnd.ms-powerpoint")->file_name, "report.ppt");
    EXPECT_TRUE(has(refused("report", ole2, "filename"), ".doc, .xls, .ppt"));
    refused("setup.msi", ole2, "filename");
    // A docx named .xlsx is caught when the parts are in the bytes read.
    EXPECT_TRUE(has(refused("表.xlsx", ooxml("word/document.xml"), "filename"), "Word document"));
    EXPECT_EQ(sniff(zip_entry("readme.txt", "hi")).kind, Kind::Unknown);
    EXPECT_EQ(sniff(zip_entry("readme.txt", "hi")).what, "ZIP archive");
}

TEST(FileTypes, TextAndCsv) {
    auto utf8 = check("申し送り.txt", "体温36.5度\n血圧120/80\n");
    ASSERT_TRUE(utf8.ok());
    EXPECT_EQ(utf8->type, FileType::Text);
    EXPECT_EQ(utf8->media_type, "text/plain; charset=utf-8");
    auto excel_csv = check("名簿.csv", sjis_csv, "application/vnd.ms-excel");
    ASSERT_TRUE(excel_csv.ok()) << excel_csv.error().message;
    EXPECT_EQ(excel_csv->type, FileType::Csv);
    EXPECT_EQ(excel_csv->media_type, "text/csv; charset=shift_jis");
    EXPECT_EQ(check("a.csv", "\xEF\xBB\xBF" "a,b\r\n")->media_type, "text/csv; charset=utf-8");
    EXPECT_EQ(check("a.txt", "\xFF\xFE" "a\x00"s)->media_type, "text/plain; charset=utf-16le");
    EXPECT_EQ(check("notes.dat", "plain words")->file_name, "notes.dat"); // an unusual extension stays
    EXPECT_EQ(check("notes", "plain words")->file_name, "notes.txt");
    // A character cut by the end of the bytes read is fine; in a whole file it is not UTF-8.
    const std::string cut = "あいう\xE3\x81"s;
    EXPECT_EQ(files::sniff(as_bytes(cut), false).charset, "utf-8");
    EXPECT_NE(files::sniff(as_bytes(cut), true).charset, "utf-8");
    EXPECT_EQ(sniff("a\x01" "b"s).kind, Kind::Unknown);
    EXPECT_EQ(sniff("a\x00" "b"s).kind, Kind::Unknown);
}

TEST(FileTypes, ProgramsAreRefusedWhateverTheirName) {
    EXPECT_TRUE(has(refused("photo.jpg", exe, "file"), "Windows program"));
    refused("photo.jpg", "\x7F" "ELF\x02\x01\x01\x00"s, "file");
    refused("photo.jpg", "\xCF\xFA\xED\xFE\x07\x00\x00\x01"s, "file");
    refused("photo.jpg", "\xCA\xFE\xBA\xBE\x00\x00\x00\x34"s, "file");
    refused("module.dat", "\x00" "asm\x01\x00\x00\x00"s, "file");
    EXPECT_TRUE(has(refused("notes.txt", "#!/bin/sh\nrm -rf ~\n", "file"), "script"));
    refused("app.zip", zip_entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), "file");
    refused("app.zip", zip_entry("AndroidManifest.xml", "x"), "file");
    EXPECT_TRUE(has(refused("macro.docx", zip_entry("[Content_Types].xml", "x") + zip_entry("word/vbaProject.bin", "x"), "file"),
                    "macros"));
}

TEST(FileTypes, ScriptsInMarkupAreRefused) {
    const std::string svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    EXPECT_TRUE(has(refused("image.png", svg, "file"), "SVG"));
    refused("image.txt", "  <svg onload=\"alert(1)\"/>", "file");
    refused("page.txt", "<!DOCTYPE html><html><body>x</body></html>", "file");
    refused("page.txt", "\xEF\xBB\xBF<HTML><script>x</script>", "file");
    refused("data.txt", "<?xml version=\"1.0\"?><data/>", "file"); // XML: not a type this system takes
    EXPECT_TRUE(check("note.txt", "a <script> tag in the middle of plain text").ok());
}

TEST(FileTypes, RefusedExtensions) {
    for (std::string_view name : {"setup.exe", "run.bat", "run.cmd", "x.ps1", "install.sh", "a.js", "a.vbs", "a.jar",
                                  "a.apk", "a.msi", "index.html", "page.htm", "logo.svg", "macro.xlsm", "report.docm",
                                  "a.SCR", "photo.jpg.exe"})
        EXPECT_TRUE(has(refused(name, jpeg, "filename"), "not accepted")) << name;
}

TEST(FileTypes, DeclaredTypesAndNamesThatLie) {
    // A PDF declared as image/png.
    EXPECT_TRUE(has(refused("scan.pdf", pdf, "media_type", "image/png"), "image/png"));
    // A PDF named .png; a PNG named .jpg.
    EXPECT_TRUE(has(refused("scan.png", pdf, "filename"), "PDF"));
    refused("photo.jpg", png, "filename");
    refused("photo.jpg", jpeg, "media_type", "video/mp4");
    // Declarations that agree, aliases and parameters included; octet-stream says nothing.
    EXPECT_TRUE(check("photo.jpg", jpeg, "image/jpeg").ok());
    EXPECT_TRUE(check("photo.JPG", jpeg, "Image/JPG; name=x").ok());
    EXPECT_TRUE(check("photo.jpg", jpeg, "application/octet-stream").ok());
    EXPECT_TRUE(check("clip.3gp", mp4, "video/3gpp").ok());
    EXPECT_TRUE(check("名簿.csv", sjis_csv, "text/plain").ok());
}

TEST(FileTypes, CheckedUploads) {
    auto photo = check("褥瘡の写真 2024.jpg", jpeg, "image/jpeg");
    ASSERT_TRUE(photo.ok());
    EXPECT_EQ(photo->type, FileType::Jpeg);
    EXPECT_EQ(photo->media_type, "image/jpeg");
    EXPECT_EQ(photo->file_name, "褥瘡の写真 2024.jpg");
    EXPECT_EQ(check("IMG_0001", jpeg)->file_name, "IMG_0001.jpg");
    EXPECT_EQ(check("clip.xyz", mp4)->type, FileType::Mp4);
    EXPECT_EQ(files::info(FileType::Mp4).preview, files::Preview::Video);
    EXPECT_EQ(files::info(FileType::Pdf).preview, files::Preview::Pdf);
}

TEST(FileTypes, BadUploadsOtherwise) {
    auto empty = check("empty.jpg", "");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(empty.error().field, "file");
    auto path = check("../photo.jpg", jpeg);
    ASSERT_FALSE(path.ok());
    EXPECT_EQ(path.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(path.error().field, "filename");
    EXPECT_EQ(check("a\x01.jpg", jpeg).error().field, "filename");
    EXPECT_TRUE(has(refused("data.bin", "\x00\x01\x02\x03\x04\x05"s, "file"), "binary data"));
}

TEST(FileTypes, AcceptListFromConfiguration) {
    auto list = files::AcceptList::parse(" image , pdf,docx ");
    ASSERT_TRUE(list.ok());
    EXPECT_TRUE(list->accepts(FileType::Heic));
    EXPECT_TRUE(list->accepts(FileType::Pdf));
    EXPECT_TRUE(list->accepts(FileType::Docx));
    EXPECT_FALSE(list->accepts(FileType::Xlsx));
    EXPECT_FALSE(list->accepts(FileType::Mp4));
    EXPECT_TRUE(has(refused("clip.mp4", mp4, "file", "", *list), "not accepted here"));
    EXPECT_TRUE(check("scan.pdf", pdf, "", *list).ok());
    auto office = files::AcceptList::parse("office,text");
    ASSERT_TRUE(office.ok());
    EXPECT_EQ(office->types(), (std::vector<FileType>{FileType::Docx, FileType::Xlsx, FileType::Pptx, FileType::Doc,
                                                      FileType::Xls, FileType::Ppt, FileType::Text, FileType::Csv}));
    EXPECT_EQ(files::AcceptList::parse("ALL")->types().size(), files::file_types().size());
    EXPECT_EQ(files::AcceptList::parse("jpeg,jpeg,JPEG")->types(), (std::vector<FileType>{FileType::Jpeg}));
    for (std::string_view bad : {"", " , ", "jpeg,exe", "images"}) {
        auto r = files::AcceptList::parse(bad, "accepted_file_types");
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "accepted_file_types");
    }
    EXPECT_TRUE(has(files::AcceptList::parse("jpeg,exe").error().message, "exe"));
}
