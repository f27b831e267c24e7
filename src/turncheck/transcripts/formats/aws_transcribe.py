"""Amazon Transcribe batch output (standard, not Call Analytics).

Origin: AWS Transcribe Developer Guide, "Speaker partitioning (diarization)"
and "Channel identification" output examples: ``results.transcripts[]``,
word-level ``results.items[]`` (``pronunciation`` items with string
``start_time``/``end_time``, ``punctuation`` items without times), and
``results.speaker_labels.segments[]`` or ``results.channel_labels``; newer
jobs also write ``results.audio_segments[]``.

Turns:
- with ``speaker_labels.segments``: one turn per segment (never merged), its
  words being the ``items`` whose start lies in that segment's own bounds;
  punctuation attaches to the preceding word without a space; speaker =
  ``spk_N``;
- with channel identification (no segments): a turn is a run of consecutive
  ``results.items`` with the same ``channel_label`` (``ch_N``);
- else ``audio_segments[]`` (one turn each), else the whole transcript as
  one turn.

Roles are not stated (``spk_N``/``ch_N`` -> other) unless options map them
(``channel_roles``: ``{"ch_0": "agent"}``) or inference is on.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc


def _word(item: dict) -> str:
    alts = item.get("alternatives")
    if isinstance(alts, list) and alts and isinstance(alts[0], dict):
        content = alts[0].get("content")
        if isinstance(content, str):
            return content
    content = item.get("content")
    return content if isinstance(content, str) else ""


def join_words(words: list[tuple[str, bool]]) -> str:
    """``[(text, is_punctuation)]`` -> text; punctuation sticks to the previous word."""
    out: list[str] = []
    for text, punct in words:
        if not text:
            continue
        if punct and out:
            out[-1] += text
        else:
            out.append(text)
    return " ".join(out)


@register
class TranscribeImporter(JsonImporter):
    """Amazon Transcribe standard batch JSON (see the module docstring)."""

    name = "aws-transcribe"
    description = "Amazon Transcribe batch JSON: speaker_labels segments, channel identification, audio_segments"
    origin = "Amazon Web Services"
    roles = "none (spk_N / ch_N); options or inference"
    timing = "offsets (start_time/end_time)"

    def sniff_data(self, data: Any) -> float:
        if not isinstance(data, dict):
            return 0.0
        results = data.get("results")
        if isinstance(results, dict) and ("items" in results or "transcripts" in results):
            if any(k in results for k in ("speaker_labels", "channel_labels", "audio_segments")) or "jobName" in data:
                return 0.95
            return 0.7
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        results = f.obj(data.get("results"), "$.results")
        items = results.get("items") or []
        f.arr(items, "$.results.items")
        metadata: dict = {"channel": "voice"}
        if isinstance(results.get("language_code"), str):
            metadata["language"] = results["language_code"]
        elif isinstance(data.get("language_code"), str):
            metadata["language"] = data["language_code"]
        if isinstance(data.get("jobName"), str):
            metadata["job_name"] = data["jobName"]

        labels = results.get("speaker_labels")
        segments = labels.get("segments") if isinstance(labels, dict) else None
        channel_keys = None
        if isinstance(segments, list) and segments:
            raw = self._by_segments(f, items, segments)
        elif isinstance(results.get("channel_labels"), dict) or (items and isinstance(items[0], dict) and "channel_label" in items[0]):
            raw, channel_keys = self._by_channel(f, items, results.get("channel_labels"))
        elif isinstance(results.get("audio_segments"), list) and results["audio_segments"]:
            raw = self._audio_segments(f, results["audio_segments"])
        else:
            raw = self._whole(f, items, results)
        return self.build(source, raw, metadata, options, channel_keys=channel_keys)

    def _times(self, f: Fields, item: dict, path: str) -> tuple[float | None, float | None]:
        return f.number(item.get("start_time"), path + ".start_time"), f.number(item.get("end_time"), path + ".end_time")

    def _by_segments(self, f: Fields, items: list, segments: list) -> list:
        segs = []
        for i, s in enumerate(segments):
            path = f"$.results.speaker_labels.segments[{i}]"
            s = f.obj(s, path)
            start, end = self._times(f, s, path)
            if start is None:
                raise f.error(path + ".start_time", "missing")
            segs.append([s.get("speaker_label"), start, end, []])
        k = 0
        for i, item in enumerate(items):
            path = f"$.results.items[{i}]"
            item = f.obj(item, path)
            punct = item.get("type") == "punctuation"
            if not punct:
                start, _end = self._times(f, item, path)
                if start is not None:
                    while k + 1 < len(segs) and start >= segs[k + 1][1] - 1e-6:
                        k += 1
            segs[k][3].append((_word(item), punct))
        raw = []
        for speaker, start, end, words in segs:
            text = join_words(words)
            if text:
                raw.append((None, None if speaker is None else str(speaker), text, start, end, None))
        return raw

    def _by_channel(self, f: Fields, items: list, channel_labels: Any) -> tuple[list, list[str]]:
        if not items and isinstance(channel_labels, dict):
            # only per-channel item lists: merge them by start time
            merged = []
            for c, ch in enumerate(f.opt_arr(channel_labels.get("channels"), "$.results.channel_labels.channels")):
                path = f"$.results.channel_labels.channels[{c}]"
                for j, it in enumerate(f.opt_arr(f.obj(ch, path).get("items"), path + ".items")):
                    merged.append(it)
            items = merged
        raw: list = []
        order: list[str] = []
        cur: list | None = None
        for i, item in enumerate(items):
            path = f"$.results.items[{i}]"
            item = f.obj(item, path)
            label = item.get("channel_label")
            label = None if label is None else str(label)
            if label is not None and label not in order:
                order.append(label)
            punct = item.get("type") == "punctuation"
            start, end = (None, None) if punct else self._times(f, item, path)
            if cur is None or (label != cur[0] and not punct):
                cur = [label, start, end, []]
                raw.append(cur)
            if end is not None:
                cur[2] = end
            if cur[1] is None:
                cur[1] = start
            cur[3].append((_word(item), punct))
        out = []
        for label, start, end, words in raw:
            text = join_words(words)
            if text:
                out.append((None, label, text, start, end, None))
        return out, sorted(order)

    def _audio_segments(self, f: Fields, segments: list) -> list:
        raw = []
        for i, s in enumerate(segments):
            path = f"$.results.audio_segments[{i}]"
            s = f.obj(s, path)
            text = f.text(s.get("transcript"), path + ".transcript")
            start, end = self._times(f, s, path)
            speaker = s.get("speaker_label", s.get("channel_label"))
            if text.strip():
                raw.append((None, None if speaker is None else str(speaker), text.strip(), start, end, None))
        return raw

    def _whole(self, f: Fields, items: list, results: dict) -> list:
        words, start, end = [], None, None
        for i, item in enumerate(items):
            path = f"$.results.items[{i}]"
            item = f.obj(item, path)
            punct = item.get("type") == "punctuation"
            if not punct:
                s, e = self._times(f, item, path)
                start = s if start is None else start
                end = e if e is not None else end
            words.append((_word(item), punct))
        text = join_words(words)
        if not text:
            trs = results.get("transcripts") or []
            text = " ".join(t.get("transcript", "") for t in trs if isinstance(t, dict) and isinstance(t.get("transcript"), str)).strip()
        return [(None, None, text, start, end, None)] if text else []
