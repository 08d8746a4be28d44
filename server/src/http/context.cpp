#include "http/context.hpp"

#include <cassert>
#include <stdexcept>

#include "http/router.hpp"
#include "services/services.hpp"

namespace mimamori::http {

RequestContext::RequestContext(db::Database& database, std::string request_id, services::Services* services,
                               std::string client_address)
    : m_database(database), m_unit_of_work(database), m_services(services), m_request_id(std::move(request_id)),
      m_client_address(std::move(client_address)) {
    // Entries first, then the request's commit (see the header).
    m_unit_of_work.set_before_commit([this] { flush_audit(200); });
}

services::Services& RequestContext::services() {
    assert(m_services && "a server always has its services; a bare context has none");
    return *m_services;
}

void RequestContext::set_route(const Route& route) {
    m_route = &route;
    m_unit_of_work.set_autocommit(route.options.autocommit);
}

void RequestContext::audit(services::AuditRecord record) { m_audit_queue.push_back(std::move(record)); }

std::vector<audit::Entry> RequestContext::take_audit(int status, std::vector<bool>* ok) {
    std::vector<audit::Entry> entries;
    entries.reserve(m_audit_queue.size());
    if (ok) ok->clear();
    for (auto& r : m_audit_queue) {
        audit::Entry e;
        if (r.actor) {
            e.actor_account_id = r.actor->account_id;
            e.actor_login = r.actor->login;
        } else if (m_auth) {
            e.actor_account_id = m_auth->account.id;
            e.actor_login = m_auth->account.login;
        }
        e.action = std::move(r.action);
        e.target_type = std::move(r.target_type);
        e.target_id = std::move(r.target_id);
        e.patient_id = r.patient_id;
        e.client_address = m_client_address;
        e.result = std::move(r.result);
        e.detail = std::move(r.detail);
        if (status >= 400 && e.result == "ok") {
            e.result = "failed";
            if (e.detail.is_object()) e.detail["status"] = status;
        }
        if (ok) ok->push_back(e.result == "ok");
        entries.push_back(std::move(e));
    }
    m_audit_queue.clear();
    return entries;
}

services::AuditLog::Durability RequestContext::audit_durability() const {
    // Reads (GET, HEAD) need not wait for the flush of their entries (services/audit_log.hpp).
    const bool read_only = m_route && !m_route->state_changing();
    return read_only ? services::AuditLog::Durability::Deferred : services::AuditLog::Durability::Durable;
}

void RequestContext::flush_audit(int status) {
    if (m_audit_queue.empty()) return;
    if (!m_services) throw std::logic_error("access-log entries without an access log");
    std::vector<bool> ok;
    auto ids = m_services->audit_log.append(take_audit(status, &ok), audit_durability());
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ok[i]) m_appended_ok.push_back(ids[i]);
}

void RequestContext::finish_audit(int status) {
    if (status >= 400 && !m_appended_ok.empty()) {
        Json ids = m_appended_ok;
        audit({.action = "request.failed",
               .result = "failed",
               .detail = {{"entries", ids}, {"status", status}, {"request_id", m_request_id}}});
        m_appended_ok.clear();
    }
    flush_audit(status);
}

} // namespace mimamori::http
