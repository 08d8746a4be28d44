#pragma once
// The secretariat's records: the access log, the development outbox, and the CSV lists and
// reports (downloaded by the browser, or read into a table to show on screen).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/csv.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct AuditEntry {
    perm::Id id = 0;
    std::string at; // ISO 8601, the server's clock
    std::string actor_login;
    std::string action;
    std::string target_type;
    std::string target_id;
    std::string patient_id;
    std::string client_address;
    std::string result;
    std::string detail;
};

struct AuditQuery {
    std::string from; // YYYY-MM-DD, "" for no bound
    std::string to;
    std::string actor;
    std::string patient_id;
    std::string action;
    std::string result;
    std::optional<perm::Id> before_id; // the next page: entries older than this
    int limit = 100;
};

struct AuditPage {
    std::vector<AuditEntry> entries; // newest first
    std::optional<perm::Id> next_before_id;
};

Call<AuditPage> search_audit(const AuditQuery& query);

struct OutboxMessage {
    perm::Id id = 0;
    std::string to;
    std::string subject;
    std::string body;
    std::string created_at;
    std::string sent_at;
    std::string status;
};

// Newest first.
Call<std::vector<OutboxMessage>> list_outbox();

// A CSV file read back for the screen: its first record is the header.
struct CsvTable {
    csv::Row header;
    std::vector<csv::Row> rows;
};

// The CSV files of the API, as URLs for a browser download.
enum class CsvEncoding { Utf8, ShiftJis };
std::string staff_csv_url(CsvEncoding encoding);
std::string patients_csv_url(CsvEncoding encoding);
std::string fee_report_csv_url(int year, CsvEncoding encoding);

// The same files (UTF-8) read into tables.
Call<CsvTable> fetch_patients_table();
Call<CsvTable> fetch_fee_report_table(int year);

} // namespace mimamori::web::api
