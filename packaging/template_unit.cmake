# mentorcal@.service, one programme per instance, is made from mentorcal.service so that the two
# units cannot drift apart: the same hardening, limits and watchdog; only the names change.
#   mentorcal@staff.service: config /etc/mentorcal/staff.toml, state /var/lib/mentorcal/staff/,
#   credentials /etc/mentorcal/staff/{smtp,imap}-password.
# Every replacement must apply: an edit of mentorcal.service that breaks one fails the configure.

# Replaces FROM by TO in the variable `unit` of the caller (FROM must be there).
function(_mentorcal_unit_replace from to)
  string(FIND "${unit}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "mentorcal@.service: '${from}' is no longer in mentorcal.service")
  endif()
  string(REPLACE "${from}" "${to}" replaced "${unit}")
  set(unit "${replaced}" PARENT_SCOPE)
endfunction()

function(mentorcal_template_unit source output)
  file(READ "${source}" unit)
  _mentorcal_unit_replace(
    "# Installed as /lib/systemd/system/mentorcal.service; see mentorcal(8) and mentorcal.toml(5)."
    "# Installed as /lib/systemd/system/mentorcal@.service, one programme per instance, e.g.
# mentorcal@staff.service reads /etc/mentorcal/staff.toml and keeps its state in
# /var/lib/mentorcal/staff/. Made from mentorcal.service at build time: see mentorcal(8).")
  _mentorcal_unit_replace("systemctl enable --now mentorcal`" "systemctl enable --now mentorcal@NAME`")
  _mentorcal_unit_replace("systemctl edit mentorcal`" "systemctl edit mentorcal@NAME`")
  _mentorcal_unit_replace("/etc/mentorcal/mentorcal.toml" "/etc/mentorcal/%i.toml")
  _mentorcal_unit_replace("/etc/mentorcal/smtp-password" "/etc/mentorcal/%i/smtp-password")
  _mentorcal_unit_replace("/etc/mentorcal/imap-password" "/etc/mentorcal/%i/imap-password")
  _mentorcal_unit_replace("/etc/mentorcal/state-password" "/etc/mentorcal/%i/state-password")
  _mentorcal_unit_replace("Description=mentorcal mentoring meeting scheduler\n"
                          "Description=mentorcal mentoring meeting scheduler for the programme %i\n")
  _mentorcal_unit_replace("lives in /var/lib/mentorcal ($STATE_DIRECTORY)"
                          "lives in /var/lib/mentorcal/%i ($STATE_DIRECTORY)")
  _mentorcal_unit_replace("\"/var/lib/mentorcal/outbox\"" "\"/var/lib/mentorcal/%i/outbox\"")
  _mentorcal_unit_replace("\nStateDirectory=mentorcal\n" "\nStateDirectory=mentorcal/%i\n")
  set(old "")
  if(EXISTS "${output}")
    file(READ "${output}" old)
  endif()
  if(NOT old STREQUAL unit)  # unchanged: keep its time stamp
    file(WRITE "${output}" "${unit}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
endfunction()
