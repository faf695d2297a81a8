// STUB (being written): writes the arrays cases for check_arrays.py.
int main() { return 0; }
