// PDF previews of Office files (issue 7), made by LibreOffice in a job outside the request. The
// tests put a stand-in for soffice on the command line (a script that writes a small PDF, or
// fails), so they run the same whether or not LibreOffice is installed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "files_support.hpp"

namespace mimamori::test {
namespace {

namespace fs = std::filesystem;

// A directory with the stand-ins for soffice: links to tests/support/fake-soffice named for what
// they do (it reads its own name): one that converts, one that waits for open_gate(), one that fails.
struct FakeSoffice {
    fs::path dir;
    FakeSoffice() {
        char pattern[] = "/tmp/mimamori-soffice-XXXXXX";
        dir = ::mkdtemp(pattern);
        for (const char* name : {"soffice", "gated-soffice", "failing-soffice"})
            fs::create_symlink(MIMAMORI_FAKE_SOFFICE, dir / name);
    }
    void open_gate() const { std::ofstream(dir / "open") << "open"; }
    ~FakeSoffice() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const FakeSoffice& fake_soffice() {
    static const FakeSoffice fake;
    return fake;
}

class Previews : public FileTest {
protected:
    void configure(server::Config& c) override { c.soffice = (fake_soffice().dir / soffice_name()).string(); }
    virtual std::string soffice_name() const { return "soffice"; }

    std::string uploaded(const std::string& name, const std::string& bytes) {
        std::string url;
        auto r = upload_file(nurse, upload_metadata(care.patient, name), bytes, url);
        EXPECT_EQ(r.status, 204) << r.body;
        return "/api/v1/files/" + url.substr(url.rfind('/') + 1);
    }

    // Asks for the preview until it is no longer being made (a guard, not a measurement).
    HttpResponse settled_preview(const std::string& file) {
        HttpResponse r;
        for (int i = 0; i < 300; ++i) {
            r = get_file(nurse, file + "/preview.pdf");
            if (r.status != 202) return r;
            EXPECT_EQ(r.header("Retry-After").value_or(""), "2");
            std::this_thread::sleep_for(20ms);
        }
        return r;
    }
};

TEST_F(Previews, AWordFileGetsAPdfMadeOnceAndKept) {
    auto file = uploaded("訪問看護計画書.docx", sample::docx());
    auto first = get_file(nurse, file + "/preview.pdf");
    EXPECT_EQ(first.status, 202);
    auto r = settled_preview(file);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.body.starts_with("%PDF-1.4\n% preview of source.docx")) << r.body;
    EXPECT_EQ(r.header("Content-Type").value_or(""), "application/pdf");
    EXPECT_TRUE(r.header("Content-Disposition").value_or("").starts_with("inline;"));
    EXPECT_EQ(database().query_value("SELECT count(*) FROM files WHERE kind = 'preview'"), "1");
    EXPECT_EQ(get_file(nurse, file + "/preview.pdf").body, r.body); // kept, not made again
    EXPECT_EQ(database().query_value("SELECT count(*) FROM files WHERE kind = 'preview'"), "1");
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE action = 'file.preview' AND patient_id = " +
                                     std::to_string(care.patient)),
              "2");
}

TEST_F(Previews, OnlyOfficeFilesHaveOne) {
    auto file = uploaded("a.pdf", sample::pdf());
    auto r = get_file(nurse, file + "/preview.pdf");
    EXPECT_EQ(r.status, 404);
}

TEST_F(Previews, TheyFollowTheFilesPermission) {
    auto file = uploaded("sheet.xlsx", sample::xlsx());
    auto outsider = sign_in(port(), "outsider");
    EXPECT_EQ(get_file(outsider, file + "/preview.pdf").status, 403);
}

// The app asks with "Range: bytes=0-0" before it opens a tab: one byte when the PDF is there,
// 202 with Retry-After while it is being made, never the whole PDF for a question.
TEST_F(Previews, AOneByteRangeAsksWhetherThePdfIsReady) {
    auto file = uploaded("申し送り.docx", sample::docx());
    auto asked = get_file(nurse, file + "/preview.pdf", {{"Range", "bytes=0-0"}});
    EXPECT_EQ(asked.status, 202) << asked.body;
    EXPECT_EQ(asked.header("Retry-After").value_or(""), "2");
    EXPECT_EQ(asked.json()["status"], "converting");
    ASSERT_EQ(settled_preview(file).status, 200);
    auto ready = get_file(nurse, file + "/preview.pdf", {{"Range", "bytes=0-0"}});
    EXPECT_EQ(ready.status, 206) << ready.body;
    EXPECT_EQ(ready.body, "%");
    EXPECT_TRUE(ready.header("Content-Range").value_or("").starts_with("bytes 0-0/")) << ready.header("Content-Range").value_or("");
}

class SlowConverter : public Previews {
    std::string soffice_name() const override { return "gated-soffice"; }
};

TEST_F(SlowConverter, ThePreviewStays202UntilTheConversionEndsThenIsServed) {
    auto file = uploaded("褥瘡ケア計画.xlsx", sample::xlsx());
    for (int i = 0; i < 5; ++i) { // as long as the converter runs, every ask is answered "converting"
        auto r = get_file(nurse, file + "/preview.pdf", {{"Range", "bytes=0-0"}});
        ASSERT_EQ(r.status, 202) << i << ": " << r.body;
        EXPECT_EQ(r.header("Retry-After").value_or(""), "2");
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_EQ(database().query_value("SELECT state FROM file_previews"), "converting");
    EXPECT_EQ(database().query_value("SELECT count(*) FROM files WHERE kind = 'preview'"), "0");
    fake_soffice().open_gate();
    auto r = settled_preview(file);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.body.starts_with("%PDF-1.4\n% preview of source.xlsx")) << r.body;
    EXPECT_EQ(database().query_value("SELECT state FROM file_previews"), "ready");
}

class FailingConverter : public Previews {
    std::string soffice_name() const override { return "failing-soffice"; }
};

TEST_F(FailingConverter, ADocumentThatCannotBeConvertedSaysSo) {
    auto file = uploaded("slides.pptx", sample::pptx());
    auto r = settled_preview(file);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM files WHERE kind = 'preview'"), "0");
}

class NoLibreOffice : public Previews {
    void configure(server::Config& c) override { c.soffice = "none"; }
};

TEST_F(NoLibreOffice, ThePreviewIsA404SayingWhy) {
    auto file = uploaded("report.docx", sample::docx());
    auto r = get_file(nurse, file + "/preview.pdf");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("LibreOffice is not installed"), std::string::npos);
    EXPECT_EQ(get_file(nurse, file).status, 200); // the file itself still downloads
}

} // namespace
} // namespace mimamori::test
