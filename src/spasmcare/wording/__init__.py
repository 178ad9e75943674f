"""What a person is shown of a result, on every interface (pages, terminal, PDF, API).

``summary`` picks what comes first and what is folded away; ``reasons`` turns the engine's
facts ("associated: sleep_disturbance") into sentences ("You said the cramps wake you at night").
"""
