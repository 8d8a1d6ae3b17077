"""The Outlook add-in: its manifest has what Outlook needs, and its Node tests pass.

The Node tests (clients/outlook/test, `node --test`) start `mailwarden serve` themselves and
drive the add-in's script with a fake Office object; this module runs them so that the one
test command covers the add-in. Without Node they are skipped here, but not in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

OUTLOOK = Path(__file__).parents[2] / "clients" / "outlook"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "v10": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v11": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"


@pytest.fixture(scope="module")
def manifest() -> ET.Element:
    return ET.parse(OUTLOOK / "manifest.xml").getroot()


def _overrides(manifest: ET.Element) -> ET.Element:
    outer = manifest.find("v10:VersionOverrides", NS)
    assert outer is not None and outer.get(XSI_TYPE) == "VersionOverridesV1_0"
    inner = outer.find("v11:VersionOverrides", NS)
    assert inner is not None and inner.get(XSI_TYPE) == "VersionOverridesV1_1"
    return inner


def test_the_manifest_is_a_mail_add_in_for_composing(manifest: ET.Element) -> None:
    assert manifest.tag == f"{{{NS['o']}}}OfficeApp" and manifest.get(XSI_TYPE) == "MailApp"
    for name in ("Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "IconUrl"):
        assert manifest.find(f"o:{name}", NS) is not None, name
    assert manifest.findtext("o:Permissions", namespaces=NS) == "ReadWriteItem"
    rule = manifest.find(".//o:Rule[@ItemType='Message']", NS)
    assert rule is not None and rule.get("FormType") == "Edit"


def test_the_manifest_runs_the_handler_on_send(manifest: ET.Element) -> None:
    inner = _overrides(manifest)
    sets = inner.find("v11:Requirements/bt:Sets", NS)
    assert sets is not None and float(sets.get("DefaultMinVersion", "0")) >= 1.12
    host = inner.find("v11:Hosts/v11:Host", NS)
    assert host is not None and host.get(XSI_TYPE) == "MailHost"
    runtime = host.find("v11:Runtimes/v11:Runtime", NS)
    assert runtime is not None
    js = runtime.find("v11:Override", NS)
    assert js is not None and js.get("type") == "javascript"
    events = host.findall(".//v11:ExtensionPoint[@xsi:type='LaunchEvent']//v11:LaunchEvent", NS)
    assert [(e.get("Type"), e.get("FunctionName")) for e in events] == [
        ("OnMessageSend", "onMessageSendHandler")
    ]
    assert events[0].get("SendMode") in ("PromptUser", "SoftBlock", "Block")
    script = (OUTLOOK / "src" / "launchevent.js").read_text(encoding="utf-8")
    assert 'associate("onMessageSendHandler", onMessageSendHandler)' in script


def test_every_resource_the_manifest_names_exists(manifest: ET.Element) -> None:
    inner = _overrides(manifest)
    urls = {u.get("id"): u.get("DefaultValue", "") for u in inner.iter(f"{{{NS['bt']}}}Url")}
    images = {i.get("id") for i in inner.iter(f"{{{NS['bt']}}}Image") if i.get("DefaultValue")}
    referenced = {e.get("resid") for e in inner.iter() if e.get("resid")}
    strings = {s.get("id") for s in inner.iter(f"{{{NS['bt']}}}String")}
    assert referenced <= set(urls) | images | strings, referenced - set(urls) - images - strings
    assert runtime_url(urls, "JSRuntime.Url").endswith("/src/launchevent.js")
    for url in urls.values():
        assert url.startswith("https://"), url
        assert (OUTLOOK / url.split("/", 3)[3]).is_file(), url
    # The Smart Alerts "Override…" button opens the pane through this command id.
    pane = inner.find(".//v11:Control[@id='mailwardenOverridePane']", NS)
    assert pane is not None
    action = pane.find("v11:Action", NS)
    assert action is not None and action.get(XSI_TYPE) == "ShowTaskpane"
    script = (OUTLOOK / "src" / "launchevent.js").read_text(encoding="utf-8")
    assert 'OVERRIDE_COMMAND = "mailwardenOverridePane"' in script


def runtime_url(urls: dict[str | None, str], resid: str) -> str:
    assert resid in urls, resid
    return urls[resid]


def _mailwarden() -> str:
    beside = Path(sys.executable).with_name("mailwarden")
    return str(beside) if beside.exists() else "mailwarden"


def test_the_add_in_node_tests_pass_against_a_local_api() -> None:
    pytest.importorskip("fastapi", reason="the api extra is not installed")
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Node.js is needed for the Outlook add-in tests in CI")
        pytest.skip("Node.js is not installed (apt-get install nodejs)")
    env = {**os.environ, "MAILWARDEN_BIN": _mailwarden()}
    result = subprocess.run(
        [node, "--test", "test/"],
        cwd=OUTLOOK,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
