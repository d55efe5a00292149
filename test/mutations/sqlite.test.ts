import { defineMutationSuite } from './contract';

defineMutationSuite('sqlite');
