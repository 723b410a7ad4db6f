// Journeys sign several people in and wait for the saga between steps: minutes, not the unit tests' minute.
jest.setTimeout(300_000);
