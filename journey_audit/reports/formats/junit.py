"""JUnit XML for CI: one test case per journey. Only XML 1.0-legal characters reach the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from journey_audit.reports.document import Report
from journey_audit.reports.sanitize import xml_text

NEEDS = frozenset({"cases"})


def render(report: Report) -> str:
    cases = report.cases or ()
    suite = ET.Element("testsuite", name=xml_text(report.name), tests=str(len(cases)),
                       failures=str(sum(c.status == "failed" for c in cases)), errors="0",
                       skipped=str(sum(c.status == "skipped" for c in cases)))
    if report.properties:
        properties = ET.SubElement(suite, "properties")
        for name, value in report.properties.items():
            ET.SubElement(properties, "property", name=xml_text(name), value=xml_text(value))
    for case in cases:
        element = ET.SubElement(suite, "testcase", classname=xml_text(case.classname), name=xml_text(case.name))
        if case.status == "skipped":
            ET.SubElement(element, "skipped", message=xml_text(case.message))
        elif case.status == "failed":
            failure = ET.SubElement(element, "failure", type=xml_text(case.failure_type), message=xml_text(case.message))
            failure.text = xml_text(case.detail or case.message)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
