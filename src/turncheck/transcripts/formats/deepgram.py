"""Deepgram pre-recorded (batch) transcription responses.

Origin: Deepgram API ``/v1/listen`` response: ``metadata`` (request_id,
duration, channels, models) and ``results`` with ``utterances[]`` (when
``utterances=true``: start, end, transcript, speaker, channel, words) and
``channels[].alternatives[].words[]`` (word, punctuated_word, start, end,
speaker with ``diarize=true``).

Turns: one per ``results.utterances[]`` entry; without utterances, runs of
consecutive words with the same (channel, speaker), all channels merged in
time order. Speaker = the ``speaker`` number as a string (``"0"``), else
``ch_N`` for multichannel audio. Roles are not stated (-> other) unless
options map them or inference is on.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc


def deepgram_turns(f: Fields, results: dict, base: str = "$.results") -> tuple[list, list[str]]:
    """Raw turns from a Deepgram ``results`` object and the channel keys used."""
    multichannel = isinstance(results.get("channels"), list) and len(results["channels"]) > 1
    raw: list = []
    channels: list[str] = []
    utterances = results.get("utterances")
    if isinstance(utterances, list) and utterances:
        for i, u in enumerate(utterances):
            path = f"{base}.utterances[{i}]"
            u = f.obj(u, path)
            text = f.text(u.get("transcript"), path + ".transcript")
            start = f.number(u.get("start"), path + ".start")
            end = f.number(u.get("end"), path + ".end")
            speaker = _speaker(u, multichannel, channels)
            if text.strip():
                raw.append((None, speaker, text.strip(), start, end, None))
        return raw, channels
    words: list[tuple[float, int, dict]] = []
    for c, ch in enumerate(f.arr(results.get("channels") or [], base + ".channels")):
        ch = f.obj(ch, f"{base}.channels[{c}]")
        alts = f.opt_arr(ch.get("alternatives"), f"{base}.channels[{c}].alternatives")
        if not alts:
            continue
        alt = f.obj(alts[0], f"{base}.channels[{c}].alternatives[0]")
        for j, w in enumerate(f.opt_arr(alt.get("words"), f"{base}.channels[{c}].alternatives[0].words")):
            path = f"{base}.channels[{c}].alternatives[0].words[{j}]"
            w = f.obj(w, path)
            start = f.number(w.get("start"), path + ".start")
            words.append((start if start is not None else 0.0, c, w))
        if not alt.get("words") and isinstance(alt.get("transcript"), str) and alt["transcript"].strip():
            raw.append((None, f"ch_{c}" if multichannel else None, alt["transcript"].strip(), None, None, None))
    if multichannel:
        words.sort(key=lambda t: (t[0], t[1]))
    cur = None
    for start, c, w in words:
        spk = w.get("speaker")
        key = (c, spk)
        token = w.get("punctuated_word") or w.get("word") or ""
        token = token if isinstance(token, str) else str(token)
        end = w.get("end")
        end = float(end) if isinstance(end, (int, float)) and not isinstance(end, bool) else None
        if cur is None or cur[0] != key:
            if spk is not None:
                speaker = str(spk)
            elif multichannel:
                speaker = f"ch_{c}"
                if speaker not in channels:
                    channels.append(speaker)
            else:
                speaker = None
            cur = [key, speaker, [token], start, end]
            raw.append(cur)
        else:
            cur[2].append(token)
            cur[4] = end if end is not None else cur[4]
    out = []
    for r in raw:
        if isinstance(r, list):
            out.append((None, r[1], " ".join(t for t in r[2] if t), r[3], r[4], None))
        else:
            out.append(r)
    return out, sorted(channels)


def _speaker(u: dict, multichannel: bool, channels: list[str]) -> str | None:
    if u.get("speaker") is not None:
        return str(u["speaker"])
    if multichannel and u.get("channel") is not None:
        key = f"ch_{u['channel']}"
        if key not in channels:
            channels.append(key)
        return key
    return None


@register
class DeepgramImporter(JsonImporter):
    """Deepgram pre-recorded response (see the module docstring)."""

    name = "deepgram"
    description = "Deepgram pre-recorded response: results.utterances[], else channel words by speaker"
    origin = "Deepgram"
    roles = "none (speaker numbers); options or inference"
    timing = "offsets"

    def sniff_data(self, data: Any) -> float:
        if not isinstance(data, dict):
            return 0.0
        results = data.get("results")
        if isinstance(results, dict) and ("utterances" in results or isinstance(results.get("channels"), list)):
            chans = results.get("channels")
            if isinstance(chans, list) and chans and isinstance(chans[0], dict) and "alternatives" in chans[0]:
                return 0.95
            return 0.8
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        results = f.obj(data.get("results"), "$.results")
        raw, channels = deepgram_turns(f, results)
        metadata: dict = {"channel": "voice"}
        chans = results.get("channels")
        if isinstance(chans, list) and chans and isinstance(chans[0], dict):
            lang = chans[0].get("detected_language")
            if isinstance(lang, str):
                metadata["language"] = lang
        meta = data.get("metadata")
        if isinstance(meta, dict) and isinstance(meta.get("request_id"), str):
            metadata["request_id"] = meta["request_id"]
        return self.build(source, raw, metadata, options, channel_keys=channels or None)
