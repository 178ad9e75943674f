"""The case vocabulary: the closed term lists of the case format (section 1)."""

from __future__ import annotations

from typing import Final

DISPOSITIONS: Final = ("self_care", "routine", "soon", "urgent", "emergency")
"""Dispositions, least urgent first: the index is the urgency rank."""

SEXES: Final = ("female", "male", "other")
SIDES: Final = ("left", "right", "both")
ONSETS: Final = ("sudden", "gradual")
FREQUENCIES: Final = ("first_time", "occasional", "weekly", "daily", "several_daily")
TIMES_OF_DAY: Final = ("night", "day", "during_exercise", "after_exercise", "any")

REGIONS: Final = (
    "head", "face", "jaw", "neck", "shoulder", "upper_back", "chest", "abdomen", "lower_back",
    "flank", "buttock", "hip", "groin", "arm", "forearm", "hand", "thigh", "knee", "shin", "calf",
    "foot", "legs", "whole_body",
)  # fmt: skip

ASSOCIATED: Final = (
    "abdominal_pain", "back_arching", "bruising", "carpopedal_spasm", "chest_pain",
    "cold_pale_limb", "confusion", "constipation", "cough", "coughing_blood", "dark_urine",
    "diarrhoea", "difficulty_swallowing", "difficulty_walking", "dizziness", "double_vision",
    "earache", "eye_deviation", "facial_droop", "falls", "fatigue", "fever",
    "generalized_stiffness", "headache", "hoarse_voice", "incontinence", "involuntary_movements",
    "jaw_pain", "leg_pain_radiating", "arm_pain_radiating", "loss_of_consciousness",
    "muscle_stiffness", "muscle_wasting", "neck_stiffness", "night_pain", "numbness",
    "pain_on_walking_relieved_by_rest", "pain_out_of_proportion", "pain_worse_on_movement",
    "palpitations", "perioral_tingling", "rash", "recent_neck_surgery", "recent_wound", "redness",
    "saddle_numbness", "seizure", "shortness_of_breath", "sleep_disturbance", "slurred_speech",
    "sweating", "swelling", "tachycardia", "tenderness", "tingling", "tremor", "trismus",
    "unable_to_bear_weight", "unsteady_gait", "urinary_retention", "visible_twitching",
    "vision_change", "vomiting", "warmth", "weakness", "weight_loss",
    # Extensions of case format 1 (docs/case-format-extensions.md): words people use for
    # dangers the original terms describe only in part.
    "persistent_pain", "urge_to_move", "reduced_urine", "non_blanching_rash", "testicular_pain",
    "lasting_weakness",
)  # fmt: skip

RECENT: Final = (
    "antipsychotic_dose_increase", "calf_injury", "cast_or_immobilisation", "diarrhoeal_illness",
    "fall_or_trauma", "football_match", "heat_exposure", "heavy_lifting",
    "high_carbohydrate_meal", "hiking", "insect_bite", "spider_bite", "intense_exercise",
    "long_flight", "long_drive", "long_run", "marathon", "new_exercise", "prolonged_sitting",
    "prolonged_bed_rest", "puncture_wound", "slept_awkwardly", "spin_class", "started_antiemetic",
    "started_metoclopramide", "started_new_medicine", "started_statin", "started_diuretic",
    "stopped_calcium_supplements", "stressful_event", "surgery", "surgery_parathyroid",
    "surgery_thyroid", "upper_respiratory_infection", "weight_loss_diet", "wound", "wound_soil",
    "childbirth",
)  # fmt: skip

CAUSE_IDS: Final = (
    "acute_compartment_syndrome", "acute_dystonic_reaction", "acute_torticollis",
    "benign_fasciculation_syndrome", "calf_muscle_strain", "hamstring_strain",
    "cauda_equina_syndrome", "spinal_cord_compression", "cervical_dystonia",
    "cervical_radiculopathy", "cervical_muscle_strain", "chronic_exertional_compartment_syndrome",
    "chronic_kidney_disease_cramps", "cirrhosis_cramps", "deep_vein_thrombosis",
    "dehydration_heat_cramps", "heat_exhaustion", "exercise_associated_cramp", "eyelid_myokymia",
    "focal_dystonia", "hemifacial_spasm", "hyperventilation_tetany", "hypocalcaemia",
    "hypokalaemia", "hypomagnesaemia", "hypoparathyroidism", "hypothyroid_myopathy",
    "latrodectism", "lumbar_muscle_strain", "lumbar_spinal_stenosis", "medication_induced_cramps",
    "meningitis", "motor_neurone_disease", "multiple_sclerosis", "spasticity",
    "parkinsons_disease", "neuroleptic_malignant_syndrome", "serotonin_syndrome",
    "nocturnal_leg_cramps", "non_specific_low_back_pain", "normocalcaemic_tetany",
    "peripheral_arterial_disease", "peripheral_neuropathy", "pregnancy_leg_cramps",
    "pulmonary_embolism", "restless_legs_syndrome", "retropharyngeal_abscess", "rhabdomyolysis",
    "sciatica", "spinal_epidural_abscess", "spinal_infection", "spinal_malignancy",
    "vertebral_fracture", "spinal_red_flag_pathology", "statin_myopathy", "stroke",
    "epileptic_seizure", "tetanus", "thyrotoxic_periodic_paralysis", "kidney_stone",
    "myofascial_pain",
)  # fmt: skip
"""Cause ids of case-format section 2.1, which outside suites use to score rankings."""

ENUM_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "sex": SEXES,
    "side": SIDES,
    "onset": ONSETS,
    "frequency": FREQUENCIES,
    "time_of_day": TIMES_OF_DAY,
    "region": REGIONS,
}
"""Single-valued fields with a closed set of values."""

TERM_LIST_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "associated": ASSOCIATED,
    "recent": RECENT,
}
"""List fields whose items come from a closed set."""

NAME_LIST_FIELDS: Final = ("medications", "conditions")
"""Open list fields: names are normalised against the knowledge base, unknown ones warned about."""

NUMBER_FIELDS: Final[dict[str, tuple[float, float | None]]] = {
    "age": (0, 120),
    "duration_minutes": (0, None),
    "days_since_first": (0, None),
    "severity_0_10": (0, 10),
    "home_treatment_tried_days": (0, None),
}
"""Numeric fields with their inclusive bounds (None: no upper bound)."""

BOOLEAN_FIELDS: Final = ("pregnant",)

CASE_FIELDS: Final = (
    *NUMBER_FIELDS,
    *ENUM_FIELDS,
    *TERM_LIST_FIELDS,
    *NAME_LIST_FIELDS,
    *BOOLEAN_FIELDS,
)


def urgency(disposition: str) -> int:
    """Rank of a disposition: 0 for self_care up to 4 for emergency."""
    return DISPOSITIONS.index(disposition)


REGION_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "leg": ("thigh", "knee", "shin", "calf", "foot", "legs"),
    "lower_limb": ("hip", "groin", "buttock", "thigh", "knee", "shin", "calf", "foot", "legs"),
    "upper_limb": ("shoulder", "arm", "forearm", "hand"),
    "back": ("upper_back", "lower_back", "flank", "buttock"),
    "spine": ("neck", "upper_back", "lower_back"),
    "head_neck": ("head", "face", "jaw", "neck"),
    "trunk": ("chest", "abdomen", "upper_back", "lower_back", "flank"),
    # Where the pain of a heart attack is felt (NHS: chest, arms, jaw, neck, back).
    "heart": ("chest", "upper_back", "shoulder", "arm", "jaw", "neck"),
}
"""Named groups of regions that rules may use as `@name` inside a value list."""
