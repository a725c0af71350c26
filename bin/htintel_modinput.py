"""What the modular input adapters share: writing pre-serialised events to splunkd's stream.

Imported by bin/htintel_feed_*.py after htintel_bootstrap has put lib/ on sys.path.
"""

from __future__ import annotations

from splunklib.modularinput import Argument, Event

# Both inputs can add the htextract fields at ingest time, under the same parameter.
ENRICH_ARGUMENT = Argument(
    "enrich",
    title="Enrich",
    description="Add the htextract fields at ingest time (default true).",
    data_type=Argument.data_type_boolean,
)


class StreamEvent(Event):
    """An event already serialised by htintel.feed.event_xml (the XML splunklib would write).

    splunklib's Event.write_to builds an ElementTree and flushes after every event; the feed
    flushes stdout before each checkpoint instead, which is what crash safety needs.
    """

    def __init__(self, xml):
        super().__init__(data=xml)
        self.xml = xml

    def write_to(self, stream):
        stream.write(self.xml)


def stanza_writer(event_writer, stanza, params):
    """A write(event) function that streams FeedEvents as this stanza's XML events."""
    from htintel.feed import event_xml

    index = params.get("index")
    host = params.get("host")

    def write(event):
        event_writer.write_event(StreamEvent(event_xml(event, stanza, index, host)))

    return write
