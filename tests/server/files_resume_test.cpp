// tus uploads that do not go straight (issue 7): a connection cut mid-PATCH and resumed from what
// HEAD reports, chunks out of order or repeated, checksums that do not match, two PATCHes at
// once, termination; and byte ranges of a stored file.
#include <gtest/gtest.h>

#include <thread>

#include "files_support.hpp"
#include "mimamori/common/tus.hpp"

namespace mimamori::test {
namespace {

class Resume : public FileTest {
protected:
    std::string create(std::size_t length, const std::string& name = "photo.jpg") {
        auto r = tus_create(nurse, length, upload_metadata(care.patient, name));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.header("Location").value_or("");
    }

    std::uint64_t offset(const std::string& url) {
        auto r = tus_head(nurse, url);
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
        return std::stoull(r.header("Upload-Offset").value_or("0"));
    }

    // A PATCH whose head and the first `sent` bytes of `body` go out on a connection of its own,
    // left open (the caller cuts it).
    HttpConnection start_patch(const std::string& url, std::uint64_t at, const std::string& body, std::size_t sent) {
        HttpConnection c(port());
        auto h = session_headers(nurse, true);
        h.insert(h.end(), {{"Tus-Resumable", "1.0.0"}, {"Upload-Offset", std::to_string(at)},
                           {"Content-Type", "application/offset+octet-stream"},
                           {"Content-Length", std::to_string(body.size())}});
        c.send_request("PATCH", url, h);
        c.send(body.substr(0, sent));
        return c;
    }

    // Waits (a guard only) until HEAD reports `expected` and no PATCH holds the upload.
    bool settles_at(const std::string& url, std::uint64_t expected) {
        for (int i = 0; i < 500; ++i) {
            if (offset(url) == expected && database().query_value("SELECT lease_token IS NULL FROM files") == "t")
                return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
};

TEST_F(Resume, BytesSentBeforeACutAreKeptAndTheUploadResumesFromThem) {
    std::string bytes = sample::big_jpeg(1 << 20);
    auto url = create(bytes.size());
    {
        auto cut = start_patch(url, 0, bytes, 600 * 1024);
        // Give the server the bytes, then the connection ends (a phone losing its network).
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_TRUE(settles_at(url, 600 * 1024)) << "HEAD says " << offset(url);
    EXPECT_EQ(tus_patch(nurse, url, 0, bytes).status, 409); // the client must resume where HEAD says
    auto rest = tus_patch(nurse, url, 600 * 1024, bytes.substr(600 * 1024));
    ASSERT_EQ(rest.status, 204) << rest.body;
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
}

TEST_F(Resume, AResetConnectionResumesFromWhateverArrived) {
    std::string bytes = sample::big_jpeg(900 * 1024);
    auto url = create(bytes.size());
    auto cut = start_patch(url, 0, bytes, 700 * 1024);
    std::this_thread::sleep_for(100ms);
    cut.reset();
    std::uint64_t at = 0;
    for (int i = 0; i < 500; ++i) { // until the server has put the PATCH aside
        if (database().query_value("SELECT lease_token IS NULL FROM files") == "t") break;
        std::this_thread::sleep_for(10ms);
    }
    at = offset(url);
    EXPECT_LE(at, 700u * 1024);
    ASSERT_EQ(tus_patch(nurse, url, at, bytes.substr(at)).status, 204);
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
}

TEST_F(Resume, AChunkOutOfOrderIs409AndStoresNothing) {
    auto url = create(1000);
    auto r = tus_patch(nurse, url, 500, std::string(500, 'x'));
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.header("Upload-Offset").value_or(""), "0");
    EXPECT_EQ(chunk_rows(database()), 0);
}

TEST_F(Resume, ARepeatedChunkIs409AndStoresNothingTwice) {
    std::string bytes = sample::jpeg();
    auto url = create(bytes.size() + 100);
    ASSERT_EQ(tus_patch(nurse, url, 0, bytes).status, 204);
    EXPECT_EQ(tus_patch(nurse, url, 0, bytes).status, 409);
    EXPECT_EQ(offset(url), bytes.size());
    EXPECT_EQ(chunk_rows(database()), 1);
}

TEST_F(Resume, ABodyPastTheUploadsLengthIs413) {
    auto url = create(100);
    EXPECT_EQ(tus_patch(nurse, url, 0, std::string(101, 'x')).status, 413);
    EXPECT_EQ(chunk_rows(database()), 0);
}

TEST_F(Resume, AChecksumMismatchIs460AndKeepsNothingOfTheChunk) {
    std::string bytes = sample::jpeg();
    auto url = create(bytes.size());
    auto wrong = tus::format_checksum(tus::ChecksumAlgorithm::Sha256, as_bytes("something else"));
    auto r = tus_patch(nurse, url, 0, bytes, {{"Upload-Checksum", wrong}});
    EXPECT_EQ(r.status, 460);
    EXPECT_EQ(r.header("Upload-Offset").value_or(""), "0");
    EXPECT_EQ(offset(url), 0u);
    EXPECT_EQ(chunk_rows(database()), 0);
    auto right = tus::format_checksum(tus::ChecksumAlgorithm::Sha1, as_bytes(bytes));
    EXPECT_EQ(tus_patch(nurse, url, 0, bytes, {{"Upload-Checksum", right}}).status, 204);
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
}

TEST_F(Resume, AnUnknownChecksumAlgorithmIs400) {
    auto url = create(10);
    EXPECT_EQ(tus_patch(nurse, url, 0, "0123456789", {{"Upload-Checksum", "md5 AAAA"}}).status, 400);
}

TEST_F(Resume, TwoPatchesAtOnceAreNotInterleaved) {
    std::string bytes = sample::big_jpeg(600 * 1024);
    auto url = create(bytes.size());
    auto first = start_patch(url, 0, bytes, 100 * 1024);
    for (int i = 0; i < 500 && database().query_value("SELECT lease_token IS NULL FROM files") == "t"; ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(tus_patch(nurse, url, 0, bytes).status, 423);
    first.send(bytes.substr(100 * 1024));
    EXPECT_EQ(first.read_response().status, 204);
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
}

TEST_F(Resume, TerminationDeletesWhatArrived) {
    std::string bytes = sample::big_jpeg(300 * 1024);
    auto url = create(bytes.size() + 10);
    ASSERT_EQ(tus_patch(nurse, url, 0, bytes).status, 204);
    auto h = session_headers(nurse, true);
    h.emplace_back("Tus-Resumable", "1.0.0");
    EXPECT_EQ(http_request(port(), "DELETE", url, h).status, 204);
    EXPECT_EQ(file_rows(database()), 0);
    EXPECT_EQ(chunk_rows(database()), 0);
    EXPECT_EQ(tus_head(nurse, url).status, 404);
}

TEST_F(Resume, AFinishedFileIsNotTerminated) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), url).status, 204);
    auto h = session_headers(nurse, true);
    h.emplace_back("Tus-Resumable", "1.0.0");
    EXPECT_EQ(http_request(port(), "DELETE", url, h).status, 409);
    EXPECT_EQ(file_rows(database()), 1);
}

TEST_F(Resume, AnUnfinishedUploadIsNotDownloaded) {
    auto url = create(1000);
    EXPECT_EQ(get_file(nurse, url).status, 409);
}

// --- ranges

class Ranges : public Resume {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(Resume::SetUp());
        bytes = sample::big_jpeg(700 * 1024); // three rows
        ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "walk.mp4"), sample::mp4() + bytes, url,
                              300 * 1024).status,
                  204);
        bytes = sample::mp4() + bytes;
    }
    HttpResponse range(const std::string& value) { return get_file(nurse, url, {{"Range", value}}); }
    std::string bytes;
    std::string url;
};

TEST_F(Ranges, OneRangeIs206WithItsContentRange) {
    auto size = std::to_string(bytes.size());
    auto r = range("bytes=0-99");
    EXPECT_EQ(r.status, 206);
    EXPECT_EQ(r.header("Content-Range").value_or(""), "bytes 0-99/" + size);
    EXPECT_EQ(r.body, bytes.substr(0, 100));
    auto across = range("bytes=262100-262200"); // over the first row's end
    EXPECT_EQ(across.body, bytes.substr(262100, 101));
    auto last = range("bytes=" + std::to_string(bytes.size() - 1) + "-" + std::to_string(bytes.size() - 1));
    EXPECT_EQ(last.status, 206);
    EXPECT_EQ(last.body, bytes.substr(bytes.size() - 1));
    auto suffix = range("bytes=-500");
    EXPECT_EQ(suffix.header("Content-Range").value_or(""),
              "bytes " + std::to_string(bytes.size() - 500) + "-" + std::to_string(bytes.size() - 1) + "/" + size);
    EXPECT_EQ(suffix.body, bytes.substr(bytes.size() - 500));
    auto open = range("bytes=500000-");
    EXPECT_TRUE(open.body == bytes.substr(500000));
}

// A file of many rows of odd sizes, read ahead by the download (DownloadStream): it comes back
// whole, and ranges that start mid-row and cross several rows give exactly their bytes.
class ManyRows : public Resume {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(Resume::SetUp());
        bytes = sample::big_jpeg(2'400'000);
        // PATCHes of 333,333 bytes: rows of at most 256 KiB, ending where each PATCH ends.
        ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "walk.jpg"), bytes, url, 333'333).status, 204);
        ASSERT_GE(chunk_rows(database()), 9);
    }
    std::string bytes;
    std::string url;
};

TEST_F(ManyRows, TheWholeFileAndRangesAcrossRunsAreExact) {
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
    for (auto [first, last] : {std::pair<std::size_t, std::size_t>{300'000, 2'000'000}, {262'144, 1'310'719},
                               {1'000'000, 2'399'999}, {2'399'990, 2'399'999}, {71'189, 71'189}}) {
        auto r = get_file(nurse, url, {{"Range", "bytes=" + std::to_string(first) + "-" + std::to_string(last)}});
        EXPECT_EQ(r.status, 206);
        EXPECT_TRUE(r.body == bytes.substr(first, last - first + 1)) << first << "-" << last;
    }
}

// A row whose bytes no longer match its digest, in the middle of the file: the download stops
// before any of that row's bytes (never wrong bytes), and what came before it is the file's.
TEST_F(ManyRows, ARowThatFailsItsDigestCutsTheDownloadBeforeItsBytes) {
    const auto bad = std::stoull(database().query_value(
        "SELECT first_byte FROM file_chunks ORDER BY first_byte OFFSET 5 LIMIT 1"));
    database().exec("UPDATE file_chunks SET data = set_byte(data, 7, 255 - get_byte(data, 7)) WHERE first_byte = " +
                    std::to_string(bad));
    HttpConnection c(port());
    c.send_request("GET", url, session_headers(nurse, false));
    auto head = c.read_head();
    EXPECT_EQ(head.status, 200);
    std::string received;
    try {
        while (received.size() < bytes.size()) received += c.read_some(1 << 20);
    } catch (const std::runtime_error&) { // the server cut the answer
    }
    EXPECT_LE(received.size(), bad);
    EXPECT_TRUE(bytes.starts_with(received));
    // Ranges that do not touch the row are still served.
    auto before = get_file(nurse, url, {{"Range", "bytes=0-" + std::to_string(bad - 1)}});
    EXPECT_TRUE(before.body == bytes.substr(0, bad));
    auto after = get_file(nurse, url, {{"Range", "bytes=2000000-"}});
    EXPECT_TRUE(after.body == bytes.substr(2'000'000));
}

TEST_F(Ranges, ARangePastTheEndIs416) {
    auto r = range("bytes=" + std::to_string(bytes.size()) + "-");
    EXPECT_EQ(r.status, 416);
    EXPECT_EQ(r.header("Content-Range").value_or(""), "bytes */" + std::to_string(bytes.size()));
}

TEST_F(Ranges, ARangeOfAnotherVersionGetsTheWholeFile) {
    auto r = get_file(nurse, url, {{"Range", "bytes=0-9"}, {"If-Range", "\"not-this-file\""}});
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body == bytes);
    auto etag = get_file(nurse, url).header("ETag").value_or("");
    EXPECT_EQ(get_file(nurse, url, {{"Range", "bytes=0-9"}, {"If-Range", etag}}).status, 206);
}

TEST_F(Ranges, HeadGivesTheHeadersWithoutTheBody) {
    auto h = session_headers(nurse, false);
    HttpConnection c(port());
    c.send_request("HEAD", "/api/v1/files/" + url.substr(url.rfind('/') + 1), h);
    auto r = c.read_response(true);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Length").value_or(""), std::to_string(bytes.size()));
    EXPECT_EQ(c.request("GET", "/api/v1/health").status, 200); // no stray body bytes on the connection
}

} // namespace
} // namespace mimamori::test
