import { defineMutationSuite } from './contract';

defineMutationSuite('postgres');
