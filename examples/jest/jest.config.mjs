export default { testEnvironment: 'node', testMatch: ['<rootDir>/*.test.mjs'], transform: {} };
