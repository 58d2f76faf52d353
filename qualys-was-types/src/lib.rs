//! Hand-written shell around the generated Qualys WAS types.
