#include "api/records_api.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

Result<AuditEntry> parse_entry(const Json& j) {
    JsonReader r(j, "access log entry");
    AuditEntry e;
    e.id = r.id("id");
    e.at = r.str("at");
    e.actor_login = r.text("actor_login");
    e.action = r.str("action");
    e.target_type = r.text("target_type");
    e.target_id = r.text("target_id");
    e.patient_id = r.text("patient_id");
    e.client_address = r.text("client_address");
    e.result = r.text("result");
    e.detail = r.text("detail");
    return r.result(std::move(e));
}

Result<OutboxMessage> parse_message(const Json& j) {
    JsonReader r(j, "outbox message");
    OutboxMessage m{r.id("id"),         r.str("to"),         r.opt_str("subject"), r.opt_str("body"),
                    r.opt_str("created_at"), r.opt_str("sent_at"), r.opt_str("status")};
    return r.result(std::move(m));
}

const char* encoding_param(CsvEncoding encoding) { return encoding == CsvEncoding::ShiftJis ? "shift_jis" : ""; }

std::string csv_url(std::string path, CsvEncoding encoding) {
    add_query(path, "encoding", encoding_param(encoding));
    return "api/v1/" + path;
}

// GETs a CSV file of the API and parses it (RFC 4180, UTF-8 with a byte order mark).
Call<CsvTable> fetch_table(std::string path) {
    auto started = Call<CsvTable>::start();
    auto complete = started.second;
    send(
        {"GET", std::move(path)},
        [complete](const http::Response& response) {
            auto records = csv::parse(response.body);
            if (!records) {
                return complete.fail(Failure{response.status, ErrorCode::Internal, "invalid_response",
                                             records.error().message, {}, {}, std::nullopt, {}});
            }
            CsvTable table;
            if (!records->empty()) {
                table.header = std::move(records->front());
                table.rows.assign(std::make_move_iterator(records->begin() + 1),
                                  std::make_move_iterator(records->end()));
            }
            complete.succeed(std::move(table));
        },
        [complete](Failure failure) { complete.fail(std::move(failure)); });
    return started.first;
}

} // namespace

Call<AuditPage> search_audit(const AuditQuery& q) {
    std::string path = "audit";
    add_query(path, "from", q.from);
    add_query(path, "to", q.to);
    add_query(path, "actor", q.actor);
    add_query(path, "patient_id", q.patient_id);
    add_query(path, "action", q.action);
    add_query(path, "result", q.result);
    add_query(path, "before_id", q.before_id ? std::to_string(*q.before_id) : std::string());
    add_query(path, "limit", std::to_string(q.limit));
    return call<AuditPage>({"GET", std::move(path)}, [](const Json& j) {
        JsonReader r(j, "access log");
        auto entries = read_list<AuditEntry>(r.array("entries"), parse_entry);
        if (!entries) return Result<AuditPage>(entries.error());
        AuditPage page{std::move(entries).value(), r.opt_id("next_before_id")};
        return r.result(std::move(page));
    });
}

Call<std::vector<OutboxMessage>> list_outbox() {
    return call<std::vector<OutboxMessage>>({"GET", "outbox"}, [](const Json& j) {
        auto list = read_list_answer<OutboxMessage>(j, "messages", parse_message);
        if (list) { // newest first
            std::sort(list->begin(), list->end(), [](const auto& a, const auto& b) { return a.id > b.id; });
        }
        return list;
    });
}

std::string staff_csv_url(CsvEncoding encoding) { return csv_url("staff.csv", encoding); }
std::string patients_csv_url(CsvEncoding encoding) { return csv_url("patients.csv", encoding); }
std::string fee_report_csv_url(int year, CsvEncoding encoding) {
    return csv_url("reports/fees.csv?year=" + std::to_string(year), encoding);
}

Call<CsvTable> fetch_patients_table() { return fetch_table("patients.csv"); }
Call<CsvTable> fetch_fee_report_table(int year) { return fetch_table("reports/fees.csv?year=" + std::to_string(year)); }

} // namespace mimamori::web::api
